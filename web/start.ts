import cluster from 'node:cluster';
import { OsloTotp } from '../adapters/system/oslo-totp.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { runPrimary, runWorker } from './cluster.js';
import { startPortal, type RunningPortal } from './server.js';
import { onStopSignal } from './stop-signal.js';

/** The whole portal on this machine, on embedded defaults unless configured otherwise (see main.ts). */
async function main(): Promise<void> {
  if (cluster.isWorker) return runWorker();
  const config = loadConfig(process.env);
  if (config.webConcurrency > 1) return runPrimary(config, announce);
  const portal = await startPortal(config);
  announce(config, portal, portal.url);
  onStopSignal(() => portal.stop());
}

/** What the operator sees once the portal answers. */
export function announce(config: Config, portal: RunningPortal, url: string, workers = 1): void {
  const lines = [
    '',
    `Portal:        ${config.appUrl}  (listening on ${url}${workers > 1 ? `, ${workers} web workers` : ''})`,
    `API docs:      ${config.appUrl}/api/v1/docs`,
    portal.catcher ? `Mail catcher:  ${config.appUrl}/dev/mail` : `Mail:          ${config.smtpUrl ? 'SMTP_URL' : ''}`,
    '',
  ];
  if (portal.demoLogins) {
    lines.push('Demo logins:');
    for (const login of portal.demoLogins) {
      lines.push(`  ${login.who.padEnd(16)} ${login.url}  ${login.email} / ${login.password}`);
      if (login.totpSecret) lines.push(`  ${''.padEnd(16)} TOTP secret ${login.totpSecret} (code now: ${OsloTotp.codeAt(login.totpSecret, new Date())})`);
    }
  }
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('The portal could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
