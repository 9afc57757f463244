// `npm start`: the demo article with Parley under it, on the reference server and a SQLite file
// in ./data/. Uses only the built dist/ (run after `node build/build.mjs`).
import { fileURLToPath } from 'node:url';
import { startDemo } from './demo-server.mjs';

const port = Number(process.env.PARLEY_PORT ?? 8080);
const db = process.env.PARLEY_DB ?? fileURLToPath(new URL('../data/parley.db', import.meta.url));
const adminToken = process.env.PARLEY_ADMIN_TOKEN ?? 'demo-admin-token';

const server = await startDemo({
  port,
  db,
  host: process.env.PARLEY_HOST ?? '127.0.0.1',
  adminToken,
  moderation: process.env.PARLEY_MODERATION ?? 'publish',
}).catch((error) => {
  if (error?.code !== 'EADDRINUSE') throw error;
  console.error(`Port ${port} is already in use. Stop what is using it, or pick another: PARLEY_PORT=${port + 1} npm start`);
  process.exit(1);
});

console.log(`Parley demo: open http://localhost:${port}/ in your browser (comments are kept in ${db}).`);
console.log(`Admin API token for this demo: ${adminToken} (set PARLEY_ADMIN_TOKEN to choose another). Ctrl+C stops.`);
const stop = () => server.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
