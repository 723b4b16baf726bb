import { beforeEach, describe, expect, it } from 'vitest';
import { queueMail, SECRET_MARK } from '../../application/mail/queue-mail.js';
import { composeMail } from '../../application/mail/mail-content.js';
import { UndeliveredMail } from '../../application/mail/undelivered-mail.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { STALE_CLAIM_MS } from '../../domain/mail/outgoing-mail.js';
import { givenOwner, givenStaff } from '../support/builders.js';
import { inMemoryPortal, META, type InMemoryPortal } from '../support/in-memory-portal.js';

let portal: InMemoryPortal;
beforeEach(() => {
  portal = inMemoryPortal();
});

const content = (text: string) => composeMail({ subject: 'Obavijest', greeting: 'Poštovani,', paragraphs: [text], footer: '' });

async function queued(text: string, secret?: string) {
  const { account } = await givenOwner(portal.services);
  return portal.services.uow.run((scope) => queueMail(scope, portal.services, { to: 'ana@firma.hr', topic: 'general', accountId: account.id, content: content(text), ...(secret ? { secret } : {}) }));
}

describe('mail that does not go out', () => {
  it('is sent again, once and with the same Message-ID, when its sender died while sending', async () => {
    const mail = await queued('Tekst.');
    // A sender claims it and dies before SMTP answers: the job is gone, the row says "sending".
    await portal.services.uow.run((scope) => scope.mails.claimForDelivery(mail.id, portal.clock.now(), new Date(0)));
    portal.store.jobs.splice(0);
    const undelivered = new UndeliveredMail(portal.services);
    expect(await undelivered.sweep()).toBe(0);
    portal.clock.advance(STALE_CLAIM_MS + 1000);
    expect(await undelivered.sweep()).toBe(1);
    expect(portal.store.mails.get(mail.id)).toMatchObject({ status: 'queued', lastError: 'delivery interrupted; sending again' });
    const sent = await portal.inbox('ana@firma.hr');
    expect(sent.map((m) => m.messageId)).toEqual([`<${mail.id}@localhost>`]);
    expect(portal.store.mails.get(mail.id)?.status).toBe('sent');
    expect(await undelivered.sweep()).toBe(0);
  });

  it('is undeliverable when the retries are spent; staff send it again, but never a one-time link that is gone', async () => {
    const plain = await queued('Tekst.');
    const withLink = await queued(`Poveznica: http://localhost/x/${SECRET_MARK}`, 'tajna-poveznica');
    portal.mailer.failWith = new Error('451 try later');
    await portal.worker.drain();
    expect(portal.store.mails.get(plain.id)).toMatchObject({ status: 'failed', lastError: '451 try later' });
    const undelivered = new UndeliveredMail(portal.services);
    await undelivered.giveUp(plain.id);
    await undelivered.giveUp(withLink.id);
    expect(portal.store.mails.get(withLink.id)).toMatchObject({ status: 'undeliverable', sealedSecret: null });
    portal.store.jobs.splice(0);
    portal.mailer.failWith = null;

    const support = await givenStaff(portal.services, ['support']);
    const staff: Actor = { kind: 'staff', staffId: support.id, roles: support.roles };
    const list = await undelivered.list(staff, null);
    expect(list.ok && list.value.items.map((m) => [m.id, m.canBeSentAgain()]).sort()).toEqual([[plain.id, true], [withLink.id, false]].sort());
    expect(await undelivered.resend(staff, withLink.id, META)).toMatchObject({ ok: false, error: { code: 'mail.secret_gone' } });
    expect((await undelivered.resend(staff, plain.id, META)).ok).toBe(true);
    expect((await portal.inbox('ana@firma.hr')).map((m) => m.messageId)).toEqual([`<${plain.id}@localhost>`]);
    expect(await undelivered.resend(staff, plain.id, META)).toMatchObject({ ok: false, error: { code: 'mail.not_undelivered' } });
    expect(portal.store.audit.some((e) => e.action === 'staff.mail_resent' && e.actorId === support.id)).toBe(true);

    const billing = await givenStaff(portal.services, ['billing']);
    const other: Actor = { kind: 'staff', staffId: billing.id, roles: billing.roles };
    expect(await undelivered.list(other, null)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await undelivered.resend(other, plain.id, META)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });
});
