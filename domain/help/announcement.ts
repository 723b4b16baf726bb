import type { Locale } from '../identity/locale.js';
import { fail, InvalidInput, ok, type Result } from '../shared/result.js';

export const ANNOUNCEMENT_KINDS = ['maintenance', 'price', 'news'] as const;
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number];

export interface AnnouncementInput {
  readonly kind: string;
  readonly titleHr: string;
  readonly bodyHr: string;
  readonly titleEn: string;
  readonly bodyEn: string;
}

/** A dated notice to every client (maintenance, a price change): on the dashboard until read, optionally mailed. */
export class Announcement {
  id!: string;
  kind!: AnnouncementKind;
  titleHr!: string;
  bodyHr!: string;
  /** Empty when not translated: English readers then see the Croatian text. */
  titleEn!: string;
  bodyEn!: string;
  publishedAt!: Date;
  publishedByStaffId!: string;
  withdrawnAt!: Date | null;
  /** Mailed to every account's address and its "general" subscribers. */
  mailed!: boolean;
  /** The last account mailed so far: the mailing goes on from here after a restart, never twice. */
  mailCursor!: string | null;

  static publish(input: { id: string; fields: AnnouncementInput & { kind: AnnouncementKind }; staffId: string; mail: boolean; now: Date }): Announcement {
    const a = new Announcement();
    Object.assign(a, {
      id: input.id,
      kind: input.fields.kind,
      titleHr: input.fields.titleHr,
      bodyHr: input.fields.bodyHr,
      titleEn: input.fields.titleEn,
      bodyEn: input.fields.bodyEn,
      publishedAt: input.now,
      publishedByStaffId: input.staffId,
      withdrawnAt: null,
      mailed: input.mail,
      mailCursor: null,
    });
    return a;
  }

  withdraw(now: Date): boolean {
    if (this.withdrawnAt) return false;
    this.withdrawnAt = now;
    return true;
  }

  title(locale: Locale): string {
    return locale === 'en' && this.titleEn ? this.titleEn : this.titleHr;
  }

  body(locale: Locale): string {
    return locale === 'en' && this.titleEn ? this.bodyEn : this.bodyHr;
  }
}

export function checkAnnouncement(input: AnnouncementInput): Result<AnnouncementInput & { kind: AnnouncementKind }, InvalidInput> {
  if (!(ANNOUNCEMENT_KINDS as readonly string[]).includes(input.kind)) return fail(new InvalidInput('announcement.kind', 'kind'));
  const titleHr = input.titleHr.trim();
  const bodyHr = input.bodyHr.replace(/\r\n/gu, '\n').trim();
  const titleEn = input.titleEn.trim();
  const bodyEn = input.bodyEn.replace(/\r\n/gu, '\n').trim();
  if (titleHr.length < 3 || titleHr.length > 200) return fail(new InvalidInput('announcement.title', 'titleHr'));
  if (bodyHr.length < 3 || bodyHr.length > 5000) return fail(new InvalidInput('announcement.body', 'bodyHr'));
  if (titleEn.length > 200 || (titleEn && bodyEn.length < 3) || bodyEn.length > 5000) return fail(new InvalidInput('announcement.english', 'titleEn'));
  return ok({ kind: input.kind as AnnouncementKind, titleHr, bodyHr, titleEn, bodyEn });
}
