import type { EmailChangeRepository, Page, PageRequest } from '../../application/ports/repositories.js';
import type { DocumentType } from '../../domain/email-change/document.js';
import type { EmailChangeRequest, EmailChangeStatus } from '../../domain/email-change/email-change-request.js';
import type { PublicSubmission } from '../../domain/email-change/public-submission.js';
import type { Locale } from '../../domain/identity/locale.js';
import { decodeCursor, encodeCursor } from '../in-memory/keyset.js';
import { execute, type Em } from './orm.js';
import { EmailChangeRequestSchema } from './schemas.js';

const UNDECIDED: EmailChangeStatus[] = ['awaiting_confirmation', 'awaiting_review'];

interface SubmissionRow {
  id: string;
  oib: string;
  new_email: string;
  document_type: DocumentType;
  document_bytes: number;
  document_sha256: string;
  locale: Locale;
  client_address: string;
  user_agent: string;
  created_at: Date | string;
  sealed: string;
}

export class MikroOrmEmailChangeRepository implements EmailChangeRepository {
  constructor(private readonly em: Em) {}
  async add(request: EmailChangeRequest, sealedDocument: string): Promise<void> {
    this.em.persist(request);
    await this.em.flush();
    await execute(this.em, 'insert into email_change_documents (request_id, sealed) values ($1, $2)', [request.id, sealedDocument]);
  }
  async save(request: EmailChangeRequest): Promise<void> {
    this.em.persist(request);
    await this.em.flush();
  }
  findById(id: string): Promise<EmailChangeRequest | null> {
    return this.em.findOne(EmailChangeRequestSchema, { id });
  }
  findByConfirmHash(tokenHash: string): Promise<EmailChangeRequest | null> {
    return this.em.findOne(EmailChangeRequestSchema, { confirmTokenHash: tokenHash });
  }
  findByCancelHash(tokenHash: string): Promise<EmailChangeRequest | null> {
    return this.em.findOne(EmailChangeRequestSchema, { cancelTokenHash: tokenHash });
  }
  async lockAccount(accountId: string): Promise<void> {
    await execute(this.em, `select pg_advisory_xact_lock(hashtextextended('email-change:' || $1, 0))`, [accountId]);
  }
  async addSubmission(s: PublicSubmission, sealedDocument: string): Promise<void> {
    await execute(
      this.em,
      `insert into email_change_submissions (id, oib, new_email, document_type, document_bytes, document_sha256, locale, client_address, user_agent, created_at, sealed)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [s.id, s.oib, s.newEmail, s.document.type, s.document.bytes, s.document.sha256, s.locale, s.clientAddress, s.userAgent, s.createdAt, sealedDocument],
    );
  }
  async takeSubmission(id: string): Promise<{ submission: PublicSubmission; sealedDocument: string } | null> {
    const [row] = await execute<SubmissionRow>(this.em, 'delete from email_change_submissions where id = $1 returning *', [id]);
    if (!row) return null;
    return {
      submission: { id: row.id, oib: row.oib, newEmail: row.new_email, document: { type: row.document_type, bytes: Number(row.document_bytes), sha256: row.document_sha256 }, locale: row.locale, clientAddress: row.client_address, userAgent: row.user_agent, createdAt: new Date(row.created_at) },
      sealedDocument: row.sealed,
    };
  }
  listUndecidedForAccount(accountId: string): Promise<EmailChangeRequest[]> {
    return this.em.find(EmailChangeRequestSchema, { accountId, status: { $in: UNDECIDED } }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 20 });
  }
  async listQueue(page: PageRequest): Promise<Page<EmailChangeRequest>> {
    const after = decodeCursor(page.after);
    const where = after ? { $or: [{ createdAt: { $gt: after.at } }, { createdAt: after.at, id: { $gt: after.id } }] } : {};
    const found = await this.em.find(EmailChangeRequestSchema, { status: { $in: UNDECIDED }, ...where }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: page.limit + 1 });
    const items = found.slice(0, page.limit);
    const last = items.at(-1);
    return { items, next: found.length > page.limit && last ? encodeCursor(last.createdAt, last.id) : null };
  }
  async countAwaitingReview(): Promise<number> {
    return this.em.count(EmailChangeRequestSchema, { status: 'awaiting_review' });
  }
  async document(requestId: string): Promise<string | null> {
    const rows = await execute<{ sealed: string }>(this.em, 'select sealed from email_change_documents where request_id = $1', [requestId]);
    return rows[0]?.sealed ?? null;
  }
  async purgeDocuments(before: Date, at: Date): Promise<number> {
    const rows = await execute(
      this.em,
      `with stale as (
         select id from email_change_requests
          where document_deleted_at is null
            and (decided_at < $1 or (decided_at is null and status = 'awaiting_confirmation' and created_at < $1))
       ), gone as (delete from email_change_documents d using stale where d.request_id = stale.id returning d.request_id)
       update email_change_requests r set document_deleted_at = $2 from gone where r.id = gone.request_id returning r.id`,
      [before, at],
    );
    return rows.length;
  }
}
