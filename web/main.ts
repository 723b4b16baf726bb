import { OsloTotp } from '../adapters/system/oslo-totp.js';
import { ConfigError, loadConfig } from './config.js';
import { startPortal } from './server.js';

/** `npm start`: the whole portal on this machine, on embedded defaults unless configured otherwise. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const portal = await startPortal(config);
  const lines = [
    '',
    `Portal:        ${config.appUrl}  (listening on ${portal.url})`,
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
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // A second signal means: now.
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${signal}: finishing the requests in flight, then stopping`);
    // Whatever happens, the process is gone well after the requests' deadline.
    setTimeout(() => {
      console.error('The portal did not stop in time: exiting');
      process.exit(1);
    }, 30_000).unref();
    portal.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('The portal did not stop cleanly:', error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('The portal could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
