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
import { mailReadable, type MailHistoryFilter } from '../../domain/authorization/policy.js';
import type { StaffMember } from '../../domain/staff/staff-member.js';
import { copy } from './copy.js';
import type { InMemoryStore } from './in-memory-store.js';
import { pageDescending } from './keyset.js';
import { summaries } from './summaries.js';

function unique<T extends object>(map: Map<string, T>, candidate: T, field: keyof T, key: string): void {
  for (const [id, existing] of map) {
    if (id !== key && existing[field] === candidate[field]) throw new Error(`unique violation on ${String(field)}`);
  }
}

export class InMemoryUserRepository implements UserRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(user: User): Promise<void> {
    if (this.store.users.has(user.id)) throw new Error('duplicate user id');
    unique(this.store.users, user, 'email', user.id);
    this.store.users.set(user.id, copy(user));
  }
  async save(user: User): Promise<void> {
    unique(this.store.users, user, 'email', user.id);
    this.store.users.set(user.id, copy(user));
  }
  async findById(id: string): Promise<User | null> {
    const found = this.store.users.get(id);
    return found ? copy(found) : null;
  }
  async findByEmail(email: string): Promise<User | null> {
    const found = [...this.store.users.values()].find((u) => u.email === email);
    return found ? copy(found) : null;
  }
  async listByIds(ids: readonly string[]): Promise<User[]> {
    return ids.flatMap((id) => {
      const found = this.store.users.get(id);
      return found ? [copy(found)] : [];
    });
  }
}

export class InMemoryClientAccountRepository implements ClientAccountRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(account: ClientAccount): Promise<void> {
    if (this.store.accounts.has(account.id)) throw new Error('duplicate account id');
    unique(this.store.accounts, account, 'oib', account.id);
    this.store.accounts.set(account.id, copy(account));
  }
  async findById(id: string): Promise<ClientAccount | null> {
    const found = this.store.accounts.get(id);
    return found ? copy(found) : null;
  }
  async findByOib(oib: string): Promise<ClientAccount | null> {
    const found = [...this.store.accounts.values()].find((a) => a.oib === oib);
    return found ? copy(found) : null;
  }
  async listOwnedBy(userId: string): Promise<ClientAccount[]> {
    return [...this.store.accounts.values()]
      .filter((a) => a.ownerUserId === userId)
      .sort((a, b) => a.name.localeCompare(b.name, 'hr') || (a.id < b.id ? -1 : 1))
      .map(copy);
  }
  async save(account: ClientAccount): Promise<void> {
    this.store.accounts.set(account.id, copy(account));
  }
  async search(query: ClientQuery, limit: number): Promise<ClientAccount[]> {
    const v = query.value.toLowerCase();
    const ids = new Set<string>();
    for (const a of this.store.accounts.values()) {
      if ((query.by === 'oib' && a.oib === v) || (query.by === 'email' && a.email.startsWith(v)) || (query.by === 'name' && a.name.toLowerCase().startsWith(v))) ids.add(a.id);
    }
    if (query.by === 'email') for (const c of this.store.contacts.values()) if (c.email.startsWith(v)) ids.add(c.accountId);
    if (query.by === 'domain') {
      for (const d of this.store.domains.values()) if (d.name.startsWith(v)) ids.add(d.accountId);
      for (const s of this.store.services.values()) if (s.domainName.startsWith(v)) ids.add(s.accountId);
    }
    return (await this.listByIds([...ids])).slice(0, limit);
  }
  async listByIds(ids: readonly string[]): Promise<ClientAccount[]> {
    return [...this.store.accounts.values()]
      .filter((a) => ids.includes(a.id))
      .sort((a, b) => a.name.localeCompare(b.name, 'hr') || (a.id < b.id ? -1 : 1))
      .map(copy);
  }
}

export class InMemoryStaffRepository implements StaffRepository {
  constructor(private readonly store: InMemoryStore) {}
  async listActiveWithRoles(roles: readonly StaffMember['roles'][number][]): Promise<StaffMember[]> {
    return [...this.store.staff.values()].filter((s) => s.active && s.roles.some((r) => roles.includes(r))).map(copy);
  }
  async listAll(): Promise<StaffMember[]> {
    return [...this.store.staff.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map(copy);
  }
  async add(staff: StaffMember): Promise<void> {
    if (this.store.staff.has(staff.id)) throw new Error('duplicate staff id');
    unique(this.store.staff, staff, 'email', staff.id);
    this.store.staff.set(staff.id, copy(staff));
  }
  async save(staff: StaffMember): Promise<void> {
    this.store.staff.set(staff.id, copy(staff));
  }
  async findById(id: string): Promise<StaffMember | null> {
    const found = this.store.staff.get(id);
    return found ? copy(found) : null;
  }
  async findByEmail(email: string): Promise<StaffMember | null> {
    const found = [...this.store.staff.values()].find((s) => s.email === email);
    return found ? copy(found) : null;
  }
}

export class InMemoryPasswordResetTokenRepository implements PasswordResetTokenRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(token: PasswordResetToken): Promise<void> {
    if (this.store.resetTokens.has(token.tokenHash)) throw new Error('duplicate token');
    this.store.resetTokens.set(token.tokenHash, copy(token));
  }
  async save(token: PasswordResetToken): Promise<void> {
    this.store.resetTokens.set(token.tokenHash, copy(token));
  }
  async findByHash(tokenHash: string): Promise<PasswordResetToken | null> {
    const found = this.store.resetTokens.get(tokenHash);
    return found ? copy(found) : null;
  }
  async revokeUnusedFor(userId: string, now: Date): Promise<void> {
    for (const [hash, token] of this.store.resetTokens) {
      if (token.userId === userId && token.usedAt === null) {
        const spent = copy(token);
        spent.usedAt = now;
        this.store.resetTokens.set(hash, spent);
      }
    }
  }
}

export class InMemoryMailRepository implements MailRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(mail: OutgoingMail): Promise<void> {
    if (this.store.mails.has(mail.id)) throw new Error('duplicate mail id');
    this.store.mails.set(mail.id, copy(mail));
  }
  async findById(id: string): Promise<OutgoingMail | null> {
    const found = this.store.mails.get(id);
    return found ? copy(found) : null;
  }
  async claimForDelivery(id: string, now: Date, staleBefore: Date): Promise<OutgoingMail | null> {
    const found = this.store.mails.get(id);
    const stale = found?.status === 'sending' && found.claimedAt !== null && found.claimedAt < staleBefore;
    if (!found || (found.status !== 'queued' && found.status !== 'failed' && !stale)) return null;
    const claimed = copy(found);
    if (stale) claimed.lastError = 'delivery interrupted; sending again';
    claimed.status = 'sending';
    claimed.attempts += 1;
    claimed.claimedAt = now;
    this.store.mails.set(id, claimed);
    return copy(claimed);
  }
  async markUndeliverable(id: string, error: string): Promise<boolean> {
    return this.change(id, (m) => m.status !== 'sent', (m) => Object.assign(m, { status: 'undeliverable', lastError: error, sealedSecret: null })) !== null;
  }
  async requeue(id: string): Promise<OutgoingMail | null> {
    return this.change(id, (m) => m.status === 'failed' || m.status === 'undeliverable', (m) => Object.assign(m, { status: 'queued' }));
  }
  async sweep(staleBefore: Date, lostBefore: Date, limit: number): Promise<string[]> {
    const ids: string[] = [];
    for (const m of [...this.store.mails.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
      if (ids.length >= limit) break;
      if (m.status === 'sending' && m.claimedAt && m.claimedAt < staleBefore) {
        this.change(m.id, () => true, (x) => Object.assign(x, { status: 'queued', lastError: 'delivery interrupted; sending again' }));
        ids.push(m.id);
      } else if ((m.status === 'queued' && (m.claimedAt ?? m.createdAt) < lostBefore) || (m.status === 'failed' && m.claimedAt && m.claimedAt < lostBefore)) ids.push(m.id);
    }
    return ids;
  }
  async listUndelivered(page: PageRequest): Promise<Page<OutgoingMail>> {
    return this.page((m) => m.status === 'failed' || m.status === 'undeliverable', page);
  }
  async countUndeliverable(): Promise<number> {
    return [...this.store.mails.values()].filter((m) => m.status === 'undeliverable').length;
  }
  private change(id: string, when: (m: OutgoingMail) => boolean, apply: (m: OutgoingMail) => void): OutgoingMail | null {
    const found = this.store.mails.get(id);
    if (!found || !when(found)) return null;
    const changed = copy(found);
    apply(changed);
    this.store.mails.set(id, changed);
    return copy(changed);
  }
  async markSent(id: string, at: Date): Promise<void> {
    const found = this.store.mails.get(id);
    if (!found) return;
    const sent = copy(found);
    sent.status = 'sent';
    sent.sentAt = at;
    sent.lastError = null;
    sent.sealedSecret = null;
    this.store.mails.set(id, sent);
  }
  async markFailed(id: string, error: string): Promise<void> {
    const found = this.store.mails.get(id);
    if (!found) return;
    const failed = copy(found);
    failed.status = 'failed';
    failed.lastError = error;
    this.store.mails.set(id, failed);
  }
  async listForAccount(accountId: string, page: PageRequest, readableBy: MailHistoryFilter | null = null): Promise<Page<OutgoingMail>> {
    return this.page((m) => m.accountId === accountId && !m.personal && mailReadable(readableBy, m), page);
  }
  async listSummariesForAccount(accountId: string, page: PageRequest, readableBy: MailHistoryFilter | null = null): Promise<Page<MailSummary>> {
    return summaries(await this.listForAccount(accountId, page, readableBy), MAIL_SUMMARY);
  }
  async listPersonal(userId: string, page: PageRequest): Promise<Page<OutgoingMail>> {
    return this.page((m) => m.userId === userId && m.personal, page);
  }
  private page(filter: (m: OutgoingMail) => boolean, page: PageRequest): Page<OutgoingMail> {
    const result = pageDescending([...this.store.mails.values()].filter(filter), (m) => ({ at: m.createdAt, id: m.id }), page, (m) => m.subject);
    return { items: result.items.map(copy), next: result.next };
  }
}

export class InMemoryAuditLog implements AuditLog {
  constructor(private readonly store: InMemoryStore) {}
  async record(entry: AuditEntry): Promise<void> {
    this.store.audit.push(structuredClone(entry));
  }
  async list(filter: { accountId?: string; actorId?: string }, page: PageRequest): Promise<Page<AuditEntry>> {
    const matching = this.store.audit.filter(
      (e) => (filter.accountId === undefined || e.accountId === filter.accountId) && (filter.actorId === undefined || e.actorId === filter.actorId),
    );
    return pageDescending(matching, (e) => ({ at: e.at, id: e.id }), page);
  }
}
