import { expect } from 'vitest';
import { OsloTotp } from '../../adapters/system/oslo-totp.js';
import { seedCatalog } from '../../application/catalog/demo-catalog.js';
import type { StaffRole } from '../../domain/staff/staff-member.js';
import { createApp, type App } from '../../web/app.js';
import { buildUseCases } from '../../web/use-cases.js';
import { givenStaff, PASSWORD, TOTP_SECRET } from './builders.js';
import { httpClient } from './http-client.js';
import { APP_URL } from './in-memory-portal.js';
import { postgresPortal, type PostgresPortal } from './postgres-portal.js';

/** The real stack on its own database with the demo catalog, and the Hono app over it. */
export async function portalWithApp(options: Parameters<typeof postgresPortal>[0] = {}): Promise<{ portal: PostgresPortal; app: App }> {
  const portal = await postgresPortal(options);
  await seedCatalog(portal.services);
  const app = createApp({ useCases: buildUseCases(portal.services, { database: portal.database }), appUrl: APP_URL, secureCookies: false, trustProxy: false, mailCatcher: portal.catcher, log: () => undefined });
  return { portal, app };
}

/** A new staff member with these roles, signed in with password and a fresh TOTP step. */
export async function staffClientFor(portal: PostgresPortal, app: App, roles: StaffRole[]) {
  const staff = await givenStaff(portal.services, roles);
  portal.clock.advance(30_000);
  const client = httpClient(app);
  const response = await client.post('/staff/sign-in', { form: { email: staff.email, password: PASSWORD, code: OsloTotp.codeAt(TOTP_SECRET, portal.clock.now()) } });
  expect(response.status).toBe(303);
  return client;
}

/** A client signed in to the portal with email and password (303 to the dashboard, or the test fails). */
export async function signedInAs(app: App, email: string, password = PASSWORD) {
  const client = httpClient(app);
  expect((await client.post('/sign-in', { form: { email, password } })).status).toBe(303);
  return client;
}

/** A multipart form as a browser sends it, with at most one file in the named field. */
export function multipart(fields: Record<string, string>, file?: { field: string; bytes: Uint8Array; name: string; type: string } | null): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set(file.field, new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  return form;
}
