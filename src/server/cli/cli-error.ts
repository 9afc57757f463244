// A mistake in what the owner typed (a flag, an environment variable, a config file): the CLI
// prints the message and exits 2. Its own file so the options table and every command can throw
// it without importing one another.
export class CliError extends Error {}
