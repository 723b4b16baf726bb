import type { FC } from 'hono/jsx';
import type { MessageKey } from '../i18n/messages.js';
import type { PageContext } from './layout.js';

/**
 * The articles the portal points to where people get stuck, by their address in each language (the demo help
 * centre has them; an editor who renames one should keep these addresses or change them here).
 */
export const HELP_TOPICS = {
  forgottenPassword: { hr: 'zaboravljena-lozinka', en: 'forgotten-password', label: 'help.link.forgottenPassword' },
  profile: { hr: 'azuriranje-podataka', en: 'updating-your-details', label: 'help.link.profile' },
  accessData: { hr: 'pristupni-podaci-usluge', en: 'service-access-data', label: 'help.link.accessData' },
  contacts: { hr: 'kontakt-osobe', en: 'contact-persons', label: 'help.link.contacts' },
  emailChange: { hr: 'promjena-e-adrese', en: 'changing-the-email-address', label: 'help.link.emailChange' },
} as const satisfies Record<string, { hr: string; en: string; label: MessageKey }>;

export const HelpLink: FC<{ page: PageContext; topic: keyof typeof HELP_TOPICS }> = ({ page, topic }) => {
  const { label, ...slugs } = HELP_TOPICS[topic];
  return (
    <p class="help-link">
      <a href={`/help/articles/${slugs[page.locale]}`}>{page.t(label)}</a>
    </p>
  );
};
