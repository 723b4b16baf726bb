import { describe, expect, it } from 'vitest';
import type { Mailer } from '../../application/ports/mailer.js';

export interface MailerProbe {
  readonly mailer: Mailer;
  /** Waits for the mail with this Message-ID to arrive where the mailer sent it. */
  received(messageId: string): Promise<{ to: string; subject: string; text: string; html: string | null }>;
  close(): Promise<void>;
}

export function describeMailerContract(name: string, make: () => Promise<MailerProbe>) {
  describe(`Mailer: ${name}`, () => {
    it('delivers subject, text and HTML intact, Croatian letters included', async () => {
      const probe = await make();
      const messageId = `<${crypto.randomUUID()}@localhost>`;
      await probe.mailer.send({ messageId, to: 'računovodstvo@firma.hr'.replace('č', 'c'), subject: 'Ponuda za produženje: čćžšđ', text: 'Iznos: 1.234,56 €', html: '<p>Iznos: <b>1.234,56 €</b></p>' });
      const got = await probe.received(messageId);
      expect(got.to).toBe('racunovodstvo@firma.hr');
      expect(got.subject).toBe('Ponuda za produženje: čćžšđ');
      expect(got.text.trim()).toBe('Iznos: 1.234,56 €');
      expect(got.html).toContain('<b>1.234,56 €</b>');
      await probe.close();
    });
  });
}
