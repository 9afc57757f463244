// The worker thread that reads an article page (issue 14 item 2): article.ts hands it the HTML and
// gets the main text back, so a huge or deeply nested page costs this thread's time, never the
// event loop that answers readers. Built to dist/server/article-worker.js beside the server.
import { parentPort, workerData } from 'node:worker_threads';
import { extractArticleText } from './article-extract.ts';

parentPort!.postMessage(extractArticleText(workerData as string));
