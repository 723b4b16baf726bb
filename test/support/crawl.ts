import type { httpClient } from './http-client.js';

type Client = ReturnType<typeof httpClient>;

/**
 * Everything a signed-in person can read by following links: every same-site page reachable from `start` by GET
 * (sign-out and language switches excluded), up to `limit` pages. Returns each page's path and body.
 */
export async function crawl(client: Client, start: readonly string[], limit = 300): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  const queue = [...start];
  while (queue.length && seen.size < limit) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    const response = await client.get(path);
    const type = response.headers.get('content-type') ?? '';
    const body = type.includes('pdf') ? Buffer.from(await response.arrayBuffer()).toString('latin1') : await response.text();
    seen.set(path, body);
    if (!type.includes('html')) continue;
    for (const [, href] of body.matchAll(/href="([^"]+)"/gu)) {
      const link = href!.replaceAll('&amp;', '&');
      if (!link.startsWith('/') || link.startsWith('//') || /^\/(assets|sign-out|language)/u.test(link)) continue;
      if (!seen.has(link)) queue.push(link);
    }
  }
  return seen;
}

/** Every GET operation of the JSON API whose only path parameter is the account id, filled in. */
export async function apiReads(client: Client, accountId: string): Promise<Map<string, string>> {
  const doc = (await (await client.get('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  const answers = new Map<string, string>();
  for (const [template, operations] of Object.entries(doc.paths)) {
    if (!operations.get) continue;
    const params = [...template.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]);
    if (params.some((p) => p !== 'id' && p !== 'accountId')) continue;
    const path = `/api/v1${template.replace(/\{\w+\}/gu, accountId)}`;
    answers.set(path, await (await client.get(path)).text());
  }
  return answers;
}
