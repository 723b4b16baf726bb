import { Hono, type Context } from 'hono';
import type { MailInbox } from '../../adapters/smtp/smtp-catcher.js';
import type { AppEnv } from '../http/env.js';
import { failurePage, html, pageOf } from '../http/render.js';
import { DevMailListPage, DevMailPage } from '../views/dev-mail-pages.js';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const LOOPBACK_PEERS = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Only a browser on this machine, asking for this machine by name: the Host must be a loopback name with the port
 * the connection came in on (a rebound DNS name, or another port forwarded here, is not), and so must the peer.
 */
function fromThisMachine(c: Context<AppEnv>): boolean {
  const url = new URL(c.req.url);
  if (!LOOPBACK_NAMES.has(url.hostname)) return false;
  const socket = (c.env as { incoming?: { socket?: { localPort?: number; remoteAddress?: string } } } | undefined)?.incoming?.socket;
  if (!socket) return true;
  const port = url.port ? Number(url.port) : 80;
  return port === socket.localPort && LOOPBACK_PEERS.has(socket.remoteAddress ?? '');
}

/** The mail catcher's inbox; mounted only when the in-process SMTP server is in use and the portal listens on loopback. */
export function devMailRoutes(catcher: MailInbox) {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => (fromThisMachine(c) ? next() : failurePage(c, { kind: 'not_found', code: 'not_found', details: {} })));
  app.get('/mail.json', (c) => c.json(catcher.list()));
  app.get('/mail', (c) => html(c, <DevMailListPage page={pageOf(c)} mails={catcher.list()} />));
  app.get('/mail/:id{[0-9]+}', (c) => {
    const mail = catcher.find(Number(c.req.param('id')));
    if (!mail) return failurePage(c, { kind: 'not_found', code: 'not_found', details: {} });
    return html(c, <DevMailPage page={pageOf(c)} mail={mail} />);
  });
  return app;
}
