import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../web/app.js';
import { buildUseCases } from '../../web/use-cases.js';
import { APP_URL, inMemoryPortal } from '../support/in-memory-portal.js';

/**
 * The served document as an integrator's tools see it: Redocly CLI's recommended rules find nothing, and
 * openapi-typescript makes types from it with which an openapi-fetch client compiles without a single cast (and a
 * client that gets a parameter wrong does not).
 */
const run = promisify(execFile);
let dir: string;
let documentFile: string;
let document: Record<string, unknown>;

beforeAll(async () => {
  const portal = inMemoryPortal();
  const app = createApp({ useCases: buildUseCases(portal.services, { database: portal.database }), appUrl: APP_URL, secureCookies: false, trustProxy: false });
  document = (await (await app.request('/api/v1/openapi.json')).json()) as Record<string, unknown>;
  // Under node_modules, so that the client resolves openapi-fetch as an integrator's project would.
  mkdirSync(resolve('node_modules/.cache'), { recursive: true });
  dir = mkdtempSync(resolve('node_modules/.cache/typed-client-'));
  documentFile = join(dir, 'openapi.json');
  writeFileSync(documentFile, JSON.stringify(document, null, 1));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the OpenAPI document', () => {
  it('lints clean with Redocly recommended rules: no error, no warning', async () => {
    const cli = resolve('node_modules/@redocly/cli/bin/cli.js');
    const { stdout, stderr } = await run(process.execPath, [cli, 'lint', documentFile, '--format=json', '--extends=recommended'], { cwd: dir, maxBuffer: 20 * 1024 * 1024, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } }).catch(
      (error: { stdout: string; stderr: string }) => ({ stdout: error.stdout, stderr: error.stderr }),
    );
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { totals: { errors: number; warnings: number }; problems: Array<{ ruleId: string; message: string }> };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`), stderr).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('gives every operation an operationId and tags, and every timestamp and date its format', () => {
    const paths = document['paths'] as Record<string, Record<string, { operationId?: string; tags?: string[] }>>;
    const operations = Object.values(paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.filter((op) => !op.operationId || !op.tags?.length)).toEqual([]);
    const text = JSON.stringify(document);
    expect(text).not.toMatch(/\$\/u"/u);
    expect(text).toContain('"format":"date-time"');
    expect(text).toContain('"format":"date"');
  });

  it('makes a typed client (openapi-typescript + openapi-fetch) that compiles with no casts, and refuses a wrong call', async () => {
    writeFileSync(join(dir, 'api.d.ts'), astToString(await openapiTS(JSON.stringify(document), { defaultNonNullable: false })));
    writeFileSync(
      join(dir, 'client.ts'),
      `import createClient from 'openapi-fetch';
import type { paths, components } from './api.js';

type Invoice = components['schemas']['Invoice'];

export async function unpaid(token: string, accountId: string): Promise<Invoice[]> {
  const api = createClient<paths>({ baseUrl: 'https://portal.example.hr/api/v1', headers: { authorization: \`Bearer \${token}\` } });
  const me = await api.GET('/me');
  if (me.data) console.log(me.data.accounts.map((a) => a.name));
  const { data, error } = await api.GET('/accounts/{accountId}/invoices', { params: { path: { accountId }, query: { status: 'unpaid', limit: 50 } } });
  if (error) throw new Error(\`\${error.code}: \${error.title}\`);
  const order = await api.POST('/accounts/{accountId}/orders', {
    params: { path: { accountId }, header: { 'idempotency-key': crypto.randomUUID() } },
    body: { items: [{ productCode: 'DOM-HR', domainName: 'primjer.hr' }] },
  });
  if (order.data) console.log(order.data.number, order.data.totals.grossCents);
  const ticket = await api.POST('/accounts/{accountId}/tickets', {
    params: { path: { accountId } },
    body: { subject: 'Poslužitelji imena', department: 'technical', body: 'Molim promjenu.', request: { kind: 'domain.nameservers', domainId: accountId, nameservers: ['ns1.primjer.hr', 'ns2.primjer.hr'] } },
  });
  if (ticket.data) console.log(ticket.data.request?.status);
  return data.items.filter((invoice) => invoice.paymentState !== 'paid');
}
`,
    );
    writeFileSync(
      join(dir, 'wrong.ts'),
      `import createClient from 'openapi-fetch';
import type { paths } from './api.js';
const api = createClient<paths>({ baseUrl: '/api/v1' });
export const wrong = api.GET('/accounts/{accountId}/invoices', { params: { path: { accountId: 'a' }, query: { status: 'overdue' } } });
`,
    );
    const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], skipLibCheck: true };
    const diagnostics = (file: string) =>
      ts.getPreEmitDiagnostics(ts.createProgram([join(dir, file)], options)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    expect(diagnostics('client.ts')).toEqual([]);
    expect(diagnostics('wrong.ts').join('\n')).toMatch(/overdue/u);
    expect(readFileSync(join(dir, 'client.ts'), 'utf8')).not.toMatch(/\bas\b|<any>|: any/u);
  });
});
