import { resolve } from 'node:path';
import { embeddedAppUrl, runningEmbedded, startEmbeddedDatabase } from '../../adapters/postgres/embedded-database.js';
import { ConfigError, loadConfig } from '../config.js';

/**
 * The portal's database for a command run beside it (backup, restore): DATABASE_URL when configured; otherwise the
 * embedded server, used where it runs (the portal is up) or started for the command and stopped after.
 */
export async function withPortalDatabase<T>(options: { refuseWhileRunning?: string }, work: (url: string) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  if (config.databaseUrl) return work(config.databaseUrl);
  const dataDir = resolve(config.dataDir, 'postgres');
  const running = runningEmbedded(dataDir);
  if (running) {
    if (options.refuseWhileRunning) throw new ConfigError(options.refuseWhileRunning);
    return work(embeddedAppUrl(dataDir, running.port));
  }
  const embedded = await startEmbeddedDatabase({ dataDir, log: (line) => console.log(line) });
  try {
    return await work(embedded.url);
  } finally {
    await embedded.stop();
  }
}

/** Runs a command's main, printing a failure in plain words and exiting non-zero. */
export function runCommand(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
