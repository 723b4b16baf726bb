import { Hono } from 'hono';
import type { SmtpCatcher } from '../../adapters/smtp/smtp-catcher.js';
import type { AppEnv } from '../http/env.js';
import { failurePage, html, pageOf } from '../http/render.js';
import { DevMailListPage, DevMailPage } from '../views/dev-mail-pages.js';

/** The mail catcher's inbox; mounted only when the in-process SMTP server is in use. */
export function devMailRoutes(catcher: SmtpCatcher) {
  const app = new Hono<AppEnv>();
  app.get('/mail.json', (c) => c.json(catcher.list()));
  app.get('/mail', (c) => html(c, <DevMailListPage page={pageOf(c)} mails={catcher.list()} />));
  app.get('/mail/:id{[0-9]+}', (c) => {
    const mail = catcher.find(Number(c.req.param('id')));
    if (!mail) return failurePage(c, { kind: 'not_found', code: 'not_found', details: {} });
    return html(c, <DevMailPage page={pageOf(c)} mail={mail} />);
  });
  return app;
}
