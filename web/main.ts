import cluster from 'node:cluster';
import { enableCompileCache } from 'node:module';

/**
 * `npm start`: the entry. Node keeps the compiled code of the portal and its libraries on disk (in the system's temp
 * folder), so a restart loads it faster; a primary forks its web workers before it loads the portal, so that their
 * code loads while it starts the database. Then the portal itself starts (start.ts).
 */
enableCompileCache();
if (cluster.isPrimary) (await import('./web-workers.js')).forkWebWorkers(process.env);
await import('./start.js');
