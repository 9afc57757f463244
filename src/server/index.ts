// The server's public surface (a table of contents only).
export { createApp, type AppOptions } from './app.ts';
export type { FetchArticle } from './deps.ts';
export { createMemoryStore } from './store/memory.ts';
export { createSqliteStore, type SqliteStoreOptions } from './store/sqlite.ts';
export { createPostgresStore, type PostgresStoreOptions } from './store/postgres.ts';
export type { Store, StoredComment, NewStoredComment, CommentPatch, CachedArticle } from './store/store.ts';
export { startServer, type ServerOptions } from './main.ts';
export { parseArgs, runCli, HELP, CliError, type ParsedArgs, type CliIo } from './cli.ts';
export { DEFAULT_RULES, moderate, type Rule, type Finding, type ModerationContext, type ModerationMode } from './moderation/moderate.ts';
export { createNotifier, type Notify, type CommentEvent } from './notify/events.ts';
export { createOutboxWorker, byKind, type OutboxWorker } from './notify/worker.ts';
export { createWebhookSender, signature } from './notify/webhook.ts';
export { createMailSender, createSmtpTransport } from './notify/mail.ts';
export { extractArticleText, fetchArticle, type ArticleResult, type FetchArticleOptions } from './article.ts';
