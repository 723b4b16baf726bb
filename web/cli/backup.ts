import { resolve } from 'node:path';
import { backupDatabase } from '../../adapters/postgres/database-backup.js';
import { runCommand, withPortalDatabase } from './database-tool.js';

/** `npm run backup [-- folder]`: a consistent copy of the portal's data, taken while the portal runs. */
runCommand(async () => {
  const stamp = new Date().toISOString().replace(/[:.]/gu, '-').slice(0, 19);
  const folder = resolve(process.argv[2] ?? `backups/portal-${stamp}`);
  const manifest = await withPortalDatabase({}, (url) => backupDatabase(url, folder));
  console.log(`Backup of ${manifest.tables.length} tables written to ${folder}`);
});
