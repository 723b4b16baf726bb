import type { Page, PageRequest, TicketFilter, TicketRepository, TicketVisibility } from '../../application/ports/repositories.js';
import type { DocumentType } from '../../domain/email-change/document.js';
import type { Ticket, TicketAttachment, TicketMessage } from '../../domain/support/ticket.js';
import { keysetPage, searchWhere } from './mikro-orm-repositories.js';
import { execute, type Em } from './orm.js';
import { TicketMessageSchema, TicketSchema } from './schemas.js';

interface AttachmentRow {
  id: string;
  ticket_id: string;
  message_id: string;
  file_name: string;
  type: DocumentType;
  bytes: number;
  sha256: string;
  created_at: string | Date;
  sealed?: string;
}

const attachmentOf = (r: AttachmentRow): TicketAttachment => ({ id: r.id, ticketId: r.ticket_id, messageId: r.message_id, fileName: r.file_name, type: r.type, bytes: Number(r.bytes), sha256: r.sha256, createdAt: new Date(r.created_at) });

export class MikroOrmTicketRepository implements TicketRepository {
  constructor(private readonly em: Em) {}
  private page(where: Record<string, unknown>, filter: TicketFilter, page: PageRequest): Promise<Page<Ticket>> {
    return keysetPage(
      (keyset, limit, direction) =>
        this.em.find(TicketSchema, { $and: [{ ...where, ...(filter === 'all' ? {} : { status: filter }), ...keyset }, searchWhere(page.search, ['subject', 'number'])] }, { orderBy: { lastActivityAt: direction, id: direction }, limit }),
      'lastActivityAt',
      (t) => ({ at: t.lastActivityAt, id: t.id }),
      page,
    );
  }
  async add(ticket: Ticket): Promise<void> {
    this.em.persist(ticket);
    await this.em.flush();
  }
  async save(ticket: Ticket): Promise<void> {
    this.em.persist(ticket);
    await this.em.flush();
  }
  findById(id: string): Promise<Ticket | null> {
    return this.em.findOne(TicketSchema, { id });
  }
  listForAccount(accountId: string, filter: TicketFilter, page: PageRequest, visibleTo?: TicketVisibility | null): Promise<Page<Ticket>> {
    if (!visibleTo) return this.page({ accountId }, filter, page);
    const seen: Array<Record<string, unknown>> = [{ openedByUserId: visibleTo.userId }];
    if (visibleTo.serviceIds.length) seen.push({ serviceId: { $in: [...visibleTo.serviceIds] } });
    if (visibleTo.domainIds.length) seen.push({ domainId: { $in: [...visibleTo.domainIds] } });
    return this.page({ accountId, $and: [{ $or: seen }] }, filter, page);
  }
  listQueue(filter: TicketFilter, page: PageRequest): Promise<Page<Ticket>> {
    return this.page({}, filter, page);
  }
  countOpen(): Promise<number> {
    return this.em.count(TicketSchema, { status: 'open' });
  }
  async addMessage(message: TicketMessage): Promise<void> {
    this.em.persist(message);
    await this.em.flush();
  }
  listMessages(ticketId: string): Promise<TicketMessage[]> {
    return this.em.find(TicketMessageSchema, { ticketId }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 1000 });
  }
  async addAttachment(a: TicketAttachment, sealed: string): Promise<void> {
    await execute(this.em, 'insert into ticket_attachments (id, ticket_id, message_id, file_name, type, bytes, sha256, created_at, sealed) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [a.id, a.ticketId, a.messageId, a.fileName, a.type, a.bytes, a.sha256, a.createdAt, sealed]);
  }
  async listAttachments(ticketId: string): Promise<TicketAttachment[]> {
    const rows = await execute<AttachmentRow>(this.em, 'select id, ticket_id, message_id, file_name, type, bytes, sha256, created_at from ticket_attachments where ticket_id = $1 order by created_at, id limit 500', [ticketId]);
    return rows.map(attachmentOf);
  }
  async attachment(id: string): Promise<{ attachment: TicketAttachment; sealed: string } | null> {
    const [row] = await execute<AttachmentRow>(this.em, 'select * from ticket_attachments where id = $1', [id]);
    return row ? { attachment: attachmentOf(row), sealed: String(row.sealed) } : null;
  }
}
