import type {
  AuditLog,
  ClientAccountRepository,
  ClientQuery,
  MailRepository,
  Page,
  PageRequest,
  PasswordResetTokenRepository,
  StaffRepository,
  UserRepository,
} from '../../application/ports/repositories.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { PasswordResetToken } from '../../domain/identity/password-reset-token.js';
import type { User } from '../../domain/identity/user.js';
import { MAIL_SUMMARY, type MailSummary, type OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import type { MailHistoryFilter } from '../../domain/authorization/policy.js';
import type { StaffMember } from '../../domain/staff/staff-member.js';
import { decodeCursor, encodeCursor } from '../in-memory/keyset.js';
import { execute, type Em } from './orm.js';
import { AuditRowSchema, ClientAccountSchema, OutgoingMailSchema, PasswordResetTokenSchema, StaffMemberSchema, UserSchema, type AuditRow } from './schemas.js';
import { columnsOf, rowMapper, summaryMapper } from './row-mapper.js';
import { keysetPageOf, keysetSelect, likePattern } from './sql-keyset.js';

const toStaffMember = rowMapper(StaffMemberSchema);
const toMail = rowMapper(OutgoingMailSchema);
const toMailSummary = summaryMapper(OutgoingMailSchema, MAIL_SUMMARY);
// What a history page reads of each mail: its summary and its order and cursor (created_at, id), not its bodies.
const MAIL_COLUMNS = { all: 't.*', summary: columnsOf(OutgoingMailSchema, MAIL_SUMMARY) } as const;
type MailDetail = keyof typeof MAIL_COLUMNS;


/** A case-insensitive "contains" over some text columns, with LIKE's own wildcards taken literally. */
export function searchWhere(search: string | null | undefined, fields: readonly string[]): Record<string, unknown> {
  const pattern = likePattern(search);
  if (!pattern) return {};
  return { $and: [{ $or: fields.map((f) => ({ [f]: { $ilike: pattern } })) }] };
}

/** Keyset page over (time desc, id desc) with one query: fetches one row more to know if there is a next page. */
export async function keysetPage<T extends object>(
  rows: (where: Record<string, unknown>, limit: number, direction: 'asc' | 'desc') => Promise<T[]>,
  timeField: string,
  key: (row: T) => { at: Date; id: string },
  page: PageRequest,
): Promise<Page<T>> {
  const after = decodeCursor(page.after);
  // Oldest first walks the same index the other way (only lists that pass `direction` to their ORDER BY offer it).
  const past = page.oldestFirst ? '$gt' : '$lt';
  const where: Record<string, unknown> = after ? { $or: [{ [timeField]: { [past]: after.at } }, { [timeField]: after.at, id: { [past]: after.id } }] } : {};
  // Only lists of things that carry updatedAt are ever asked for what changed since.
  if (page.updatedSince) where['updatedAt'] = { $gte: page.updatedSince };
  const found = await rows(where, page.limit + 1, page.oldestFirst ? 'asc' : 'desc');
  const items = found.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items, next: found.length > page.limit && last ? encodeCursor(key(last).at, key(last).id) : null };
}

export class MikroOrmUserRepository implements UserRepository {
  constructor(private readonly em: Em) {}
  async add(user: User): Promise<void> {
    this.em.persist(user);
    await this.em.flush();
  }
  async save(user: User): Promise<void> {
    this.em.persist(user);
  }
  findById(id: string): Promise<User | null> {
    return this.em.findOne(UserSchema, { id });
  }
  findByEmail(email: string): Promise<User | null> {
    return this.em.findOne(UserSchema, { email });
  }
  listByIds(ids: readonly string[]): Promise<User[]> {
    return ids.length ? this.em.find(UserSchema, { id: { $in: [...ids] } }) : Promise.resolve([]);
  }
}

export class MikroOrmClientAccountRepository implements ClientAccountRepository {
  constructor(private readonly em: Em) {}
  async add(account: ClientAccount): Promise<void> {
    this.em.persist(account);
    await this.em.flush();
  }
  findById(id: string): Promise<ClientAccount | null> {
    return this.em.findOne(ClientAccountSchema, { id });
  }
  findByOib(oib: string): Promise<ClientAccount | null> {
    return this.em.findOne(ClientAccountSchema, { oib });
  }
  listOwnedBy(userId: string): Promise<ClientAccount[]> {
    return this.em.find(ClientAccountSchema, { ownerUserId: userId }, { orderBy: { name: 'asc', id: 'asc' } });
  }
  async save(account: ClientAccount): Promise<void> {
    this.em.persist(account);
    await this.em.flush();
  }
  async search(query: ClientQuery, limit: number): Promise<ClientAccount[]> {
    const prefix = `${query.value.toLowerCase().replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
    const sql = {
      oib: 'select id from client_accounts where oib = $1 limit $2',
      email: `(select id from client_accounts where lower(email) like $1 limit $2) union (select account_id from contacts where lower(email) like $1 limit $2)`,
      domain: `(select account_id from domains where name like $1 limit $2) union (select account_id from services where domain_name like $1 limit $2)`,
      name: 'select id from client_accounts where lower(name) like $1 order by lower(name) limit $2',
    }[query.by];
    const rows = await execute<{ id?: string; account_id?: string }>(this.em, sql, [query.by === 'oib' ? query.value : prefix, limit]);
    const ids = rows.map((r) => String(r.id ?? r.account_id));
    return (await this.listByIds(ids)).slice(0, limit);
  }
  async listByIds(ids: readonly string[]): Promise<ClientAccount[]> {
    if (ids.length === 0) return [];
    return this.em.find(ClientAccountSchema, { id: { $in: [...ids] } }, { orderBy: { name: 'asc', id: 'asc' } });
  }
}

export class MikroOrmStaffRepository implements StaffRepository {
  constructor(private readonly em: Em) {}
  async listActiveWithRoles(roles: readonly StaffMember['roles'][number][]): Promise<StaffMember[]> {
    // Who to tell, in one statement: built from rows, for reading (see the port).
    return (await execute(this.em, 'select * from staff_members where active and roles && $1::text[] order by id', [[...roles]])).map(toStaffMember);
  }
  listAll(): Promise<StaffMember[]> {
    return this.em.find(StaffMemberSchema, {}, { orderBy: { id: 'asc' } });
  }
  async add(staff: StaffMember): Promise<void> {
    this.em.persist(staff);
    await this.em.flush();
  }
  async save(staff: StaffMember): Promise<void> {
    this.em.persist(staff);
  }
  findById(id: string): Promise<StaffMember | null> {
    return this.em.findOne(StaffMemberSchema, { id });
  }
  findByEmail(email: string): Promise<StaffMember | null> {
    return this.em.findOne(StaffMemberSchema, { email });
  }
}

export class MikroOrmPasswordResetTokenRepository implements PasswordResetTokenRepository {
  constructor(private readonly em: Em) {}
  async add(token: PasswordResetToken): Promise<void> {
    this.em.persist(token);
    await this.em.flush();
  }
  async save(token: PasswordResetToken): Promise<void> {
    this.em.persist(token);
    await this.em.flush();
  }
  findByHash(tokenHash: string): Promise<PasswordResetToken | null> {
    return this.em.findOne(PasswordResetTokenSchema, { tokenHash });
  }
  async revokeUnusedFor(userId: string, now: Date): Promise<void> {
    await this.em.flush();
    await this.em.nativeUpdate(PasswordResetTokenSchema, { userId, usedAt: null }, { usedAt: now });
  }
}

export class MikroOrmMailRepository implements MailRepository {
  constructor(private readonly em: Em) {}
  /**
   * Written with the transaction's next flush (at the latest when it commits), together with the other mails of the
   * use case in one insert: nothing reads a mail in the transaction that writes it.
   */
  async add(mail: OutgoingMail): Promise<void> {
    this.em.persist(mail);
  }

  /** SQL of this repository sees the mails added in this transaction: any still waiting for the flush go first. */
  private async sql<T = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    if (this.em.getUnitOfWork().getPersistStack().size > 0) await this.em.flush();
    return execute<T>(this.em, text, params);
  }
  findById(id: string): Promise<OutgoingMail | null> {
    return this.em.findOne(OutgoingMailSchema, { id });
  }
  async claimForDelivery(id: string, now: Date, staleBefore: Date): Promise<OutgoingMail | null> {
    const claimed = await this.sql(`update mail_messages
          set status = 'sending', attempts = attempts + 1, claimed_at = $2,
              last_error = case when status = 'sending' then 'delivery interrupted; sending again' else last_error end
        where id = $1 and (status in ('queued', 'failed') or (status = 'sending' and claimed_at < $3))
        returning *`,
      [id, now, staleBefore],
    );
    // The claimed row as it now is, in the same statement: no second read, no hydration.
    return claimed[0] ? toMail(claimed[0]) : null;
  }
  async markUndeliverable(id: string, error: string): Promise<boolean> {
    const rows = await this.sql(`update mail_messages set status = 'undeliverable', last_error = $2, sealed_secret = null where id = $1 and status <> 'sent' returning id`, [id, error]);
    return rows.length > 0;
  }
  async requeue(id: string): Promise<OutgoingMail | null> {
    const rows = await this.sql(`update mail_messages set status = 'queued' where id = $1 and status in ('failed', 'undeliverable') returning id`, [id]);
    return rows.length ? this.em.findOne(OutgoingMailSchema, { id }, { refresh: true }) : null;
  }
  async sweep(staleBefore: Date, lostBefore: Date, limit: number): Promise<string[]> {
    const stale = await this.sql<{ id: string }>(`update mail_messages set status = 'queued', last_error = 'delivery interrupted; sending again'
        where id in (select id from mail_messages where status = 'sending' and claimed_at < $1 order by claimed_at limit $2 for update skip locked)
        returning id`,
      [staleBefore, limit],
    );
    const lost = await this.sql<{ id: string }>(`select id from mail_messages
        where (status = 'queued' and coalesce(claimed_at, created_at) < $1) or (status = 'failed' and claimed_at < $1)
        order by created_at limit $2`,
      [lostBefore, limit],
    );
    return [...new Set([...stale, ...lost].map((r) => r.id))];
  }
  listUndelivered(page: PageRequest): Promise<Page<OutgoingMail>> {
    return keysetPage(
      (where, limit) => this.em.find(OutgoingMailSchema, { status: { $in: ['failed', 'undeliverable'] }, ...where }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit }),
      'createdAt',
      (m) => ({ at: m.createdAt, id: m.id }),
      page,
    );
  }
  countUndeliverable(): Promise<number> {
    return this.em.count(OutgoingMailSchema, { status: 'undeliverable' });
  }
  async markSent(id: string, at: Date): Promise<void> {
    await this.sql(`update mail_messages set status = 'sent', sent_at = $2, last_error = null, sealed_secret = null where id = $1`, [id, at]);
  }
  async markFailed(id: string, error: string): Promise<void> {
    await this.sql(`update mail_messages set status = 'failed', last_error = $2 where id = $1 and status = 'sending'`, [id, error]);
  }
  listForAccount(accountId: string, page: PageRequest, readableBy: MailHistoryFilter | null = null): Promise<Page<OutgoingMail>> {
    return this.history(accountId, page, readableBy, 'all', toMail);
  }
  listSummariesForAccount(accountId: string, page: PageRequest, readableBy: MailHistoryFilter | null = null): Promise<Page<MailSummary>> {
    return this.history(accountId, page, readableBy, 'summary', toMailSummary);
  }
  private async history<T extends { createdAt: Date; id: string }>(accountId: string, page: PageRequest, readableBy: MailHistoryFilter | null, detail: MailDetail, map: (row: Record<string, unknown>) => T): Promise<Page<T>> {
    if (!readableBy) return this.page({ accountId, personal: false }, page, detail, map);
    // The policy's `mail.receive` in SQL (mailReadable): the member's topics, and for a scoped member only mail about its
    // part: billing and general news of the whole account, services and domains all within its scope, tickets in it.
    const after = decodeCursor(page.after ?? null);
    const scope = readableBy.scope;
    const direction = page.oldestFirst ? 'asc' : 'desc';
    const rows = await execute<Record<string, unknown>>(
      this.em,
      `select ${MAIL_COLUMNS[detail]} from mail_messages t
        where t.account_id = $1 and not t.personal and t.topic = any($2::text[])
          and ($3::boolean is false
            or t.topic in ('general', 'billing')
            or (coalesce(t.about ? 'ticket', false)
                and (t.about->'ticket'->>'openedByUserId' = $4 or t.about->'ticket'->>'serviceId' = any($5::text[]) or t.about->'ticket'->>'domainId' = any($6::text[])))
            or (not coalesce(t.about ? 'ticket', true)
                and jsonb_array_length(coalesce(t.about->'serviceIds', '[]')) + jsonb_array_length(coalesce(t.about->'domainIds', '[]')) > 0
                and coalesce(t.about->'serviceIds', '[]') <@ to_jsonb($5::text[])
                and coalesce(t.about->'domainIds', '[]') <@ to_jsonb($6::text[])))
          and ($7::timestamptz is null or (t.created_at, t.id) ${page.oldestFirst ? '>' : '<'} ($7, $8::uuid))
          and ($10::text is null or t.subject ilike $10)
        order by t.created_at ${direction}, t.id ${direction}
        limit $9`,
      [accountId, readableBy.topics, scope !== null, readableBy.userId, scope?.serviceIds ?? [], scope?.domainIds ?? [], after?.at ?? null, after?.id ?? null, page.limit + 1, likePattern(page.search)],
    );
    // Built from rows, past the ORM's hydration: a page of history is only shown (a change loads the mail by id).
    const items = rows.slice(0, page.limit).map(map);
    const last = items.at(-1);
    return { items, next: rows.length > page.limit && last ? encodeCursor(last.createdAt, last.id) : null };
  }
  listPersonal(userId: string, page: PageRequest): Promise<Page<OutgoingMail>> {
    return this.page({ userId, personal: true }, page, 'all', toMail);
  }
  /** A page of history in one statement over its index, built from rows past the ORM's hydration: only shown. */
  private async page<T>(filter: { accountId: string; personal: false } | { userId: string; personal: true }, page: PageRequest, detail: MailDetail, map: (row: Record<string, unknown>) => T): Promise<Page<T>> {
    const owner = 'accountId' in filter ? { where: 't.account_id = $1', id: filter.accountId } : { where: 't.user_id = $1', id: filter.userId };
    const { sql, params } = keysetSelect({ table: 'mail_messages', time: 'created_at', where: [owner.where, filter.personal ? 't.personal' : 'not t.personal'], params: [owner.id], search: ['subject'] }, page, MAIL_COLUMNS[detail]);
    return keysetPageOf(await execute(this.em, sql, params), 'created_at', page, map);
  }
}

export class MikroOrmAuditLog implements AuditLog {
  constructor(private readonly em: Em) {}
  /** Written with the transaction's next flush (at the latest when it commits): nothing reads it back before. */
  async record(entry: AuditEntry): Promise<void> {
    this.em.persist(this.em.create(AuditRowSchema, { ...entry, details: { ...entry.details } }));
  }
  async list(filter: { accountId?: string; actorId?: string }, page: PageRequest): Promise<Page<AuditEntry>> {
    const base: Record<string, unknown> = {};
    if (filter.accountId !== undefined) base.accountId = filter.accountId;
    if (filter.actorId !== undefined) base.actorId = filter.actorId;
    const result = await keysetPage<AuditRow>(
      (where, limit) => this.em.find(AuditRowSchema, { ...base, ...where }, { orderBy: { at: 'desc', id: 'desc' }, limit }),
      'at',
      (r) => ({ at: r.at, id: r.id }),
      page,
    );
    return { items: result.items.map((r) => ({ ...r, actorKind: r.actorKind as AuditEntry['actorKind'] })), next: result.next };
  }
}
