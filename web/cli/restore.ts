import { resolve } from 'node:path';
import { restoreDatabase } from '../../adapters/postgres/database-backup.js';
import { runCommand, withPortalDatabase } from './database-tool.js';

/** `npm run restore -- folder`: replaces the portal's data with a backup. The portal must be stopped. */
runCommand(async () => {
  const given = process.argv[2];
  if (!given) throw new Error('Name the backup folder: npm run restore -- backups/portal-…');
  const folder = resolve(given);
  const manifest = await withPortalDatabase(
    { refuseWhileRunning: 'The portal (its embedded PostgreSQL) is running: stop it first, then restore.' },
    (url) => restoreDatabase(url, folder),
  );
  console.log(`Restored the backup of ${manifest.createdAt} (${manifest.tables.length} tables) from ${folder}`);
});
