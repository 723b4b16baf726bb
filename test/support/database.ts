import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { withDatabase } from './global-setup.js';

/** A new database cloned from the migrated template: each test file works on its own data. */
export async function createTestDatabase(): Promise<string> {
  const { adminUrl, appUrl, template } = inject('postgres');
  const name = `portal_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}${appUrl ? ` owner ${new URL(appUrl).username}` : ''}`);
  } finally {
    await admin.end();
  }
  return withDatabase(appUrl ?? adminUrl, name);
}
