import { inProcessQueryCounter } from '../bench/load-queries.js';
import { createApp } from '../web/app.js';
const url = process.argv[2]!;
const cookie = process.argv[3]!;
const acc = process.argv[4]!;
// reuse the bench's in-process app through a tiny hack: build via the counter module
const counter: any = await inProcessQueryCounter(url, 'http://localhost:3999');
const pages = (process.argv[5] ?? `/dashboard,/accounts/${acc}/services,/accounts/${acc}/invoices,/accounts/${acc}/tickets,/sign-in`).split(',');
for (const path of pages) {
  for (let i = 0; i < 50; i++) await counter.count(path, path === '/sign-in' ? '' : cookie);
  const n = 300;
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < n; i++) await counter.count(path, path === '/sign-in' ? '' : cookie);
  const c = process.cpuUsage(c0); const t = performance.now() - t0;
  console.log(path.replace(acc, ':id').padEnd(30), 'cpu ms/req', ((c.user + c.system) / 1000 / n / 2).toFixed(2), 'wall ms/req', (t / n / 2).toFixed(2));
}
await counter.close();
