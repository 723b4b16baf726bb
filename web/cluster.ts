import { MirroredInbox } from '../adapters/smtp/mirrored-inbox.js';
import { loadConfig, type Config } from './config.js';
import { startPortal, type RunningPortal } from './server.js';
import { onStopSignal } from './stop-signal.js';
import { webWorkers, type WebWorkers, type WorkerMessage } from './web-workers.js';

/**
 * The primary of `npm start` with several web workers: it owns the embedded PostgreSQL, the migrations, the demo data,
 * the mail catcher, the local simulators and the job workers; the workers (forked by the entry while this process
 * loads) start as soon as the database is ready, share the listening socket and are stateless over the one database.
 * On SIGTERM every worker finishes its requests in flight and exits; then the primary stops the rest.
 */
export async function runPrimary(config: Config, announce: (config: Config, portal: RunningPortal, url: string, workers: number) => void): Promise<void> {
  const workers: WebWorkers = webWorkers(config.webConcurrency);
  let listening: Promise<string> | null = null;
  let portal: RunningPortal | null = null;
  try {
    portal = await startPortal(config, {
      role: 'primary',
      // The workers connect while this process starts the job workers and checks the demo data.
      onDatabaseReady: (env, catcher) => {
        listening = workers.start({ ...env, PORTAL_INBOX: catcher ? '1' : '0' }, catcher);
        listening.catch(() => undefined);
      },
    });
    const url = await (listening ?? Promise.reject(new Error('the database never became ready')));
    announce(config, portal, url, config.webConcurrency);
  } catch (error) {
    workers.kill();
    await portal?.stop();
    throw error;
  }
  const running = portal;
  onStopSignal(async () => {
    await workers.stop();
    await running.stop();
  });
}

/**
 * A web worker: says it is ready, waits for the primary's settings, then serves HTTP until the primary (or a signal)
 * tells it to stop. When the primary is gone the worker exits (node:cluster does so on the lost channel).
 */
export async function runWorker(): Promise<void> {
  let portal: RunningPortal | null = null;
  let stopping = false;
  // The primary's stop, and a terminal's Ctrl-C reaching the whole process group, both mean: finish and exit.
  const stop = () => {
    if (stopping) return;
    stopping = true;
    (portal ? portal.stop() : Promise.resolve()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  let inbox: MirroredInbox | null = null;
  const settings = new Promise<Record<string, string>>((resolve) => {
    process.on('message', (message: WorkerMessage) => {
      if (message.type === 'start') resolve(message.env);
      else if (message.type === 'mail') inbox?.add(message.mail);
      else if (message.type === 'stop') stop();
    });
  });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.send?.({ type: 'ready' } satisfies WorkerMessage);
  const env = await settings;
  Object.assign(process.env, env);
  if (env['PORTAL_INBOX'] === '1') {
    inbox = new MirroredInbox();
    process.send?.({ type: 'inbox?' } satisfies WorkerMessage);
  }
  portal = await startPortal(loadConfig(process.env), { role: 'worker', inbox });
  if (stopping) return void (await portal.stop().then(() => process.exit(0)));
  process.send?.({ type: 'listening', url: portal.url } satisfies WorkerMessage);
}
