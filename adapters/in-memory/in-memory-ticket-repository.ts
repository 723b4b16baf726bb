import type { Page, PageRequest, TicketFilter, TicketRepository, TicketVisibility } from '../../application/ports/repositories.js';
import type { Ticket, TicketAttachment, TicketMessage } from '../../domain/support/ticket.js';
import { copy } from './copy.js';
import type { InMemoryStore } from './in-memory-store.js';
import { pageDescending } from './keyset.js';

export class InMemoryTicketRepository implements TicketRepository {
  constructor(private readonly store: InMemoryStore) {}
  private page(filter: (t: Ticket) => boolean, status: TicketFilter, request: PageRequest): Page<Ticket> {
    const result = pageDescending([...this.store.tickets.values()].filter((t) => filter(t) && (status === 'all' || t.status === status)), (t) => ({ at: t.lastActivityAt, id: t.id }), request, (t) => `${t.subject} ${t.number}`);
    return { items: result.items.map(copy), next: result.next };
  }
  async add(ticket: Ticket): Promise<void> {
    ticket.updatedAt = new Date();
    if ([...this.store.tickets.values()].some((t) => t.number === ticket.number)) throw new Error('duplicate ticket number');
    this.store.tickets.set(ticket.id, copy(ticket));
  }
  async save(ticket: Ticket): Promise<void> {
    ticket.updatedAt = new Date();
    this.store.tickets.set(ticket.id, copy(ticket));
  }
  async findById(id: string): Promise<Ticket | null> {
    const found = this.store.tickets.get(id);
    return found ? copy(found) : null;
  }
  async listForAccount(accountId: string, filter: TicketFilter, request: PageRequest, visibleTo?: TicketVisibility | null): Promise<Page<Ticket>> {
    const seen = (t: Ticket) =>
      !visibleTo || t.openedByUserId === visibleTo.userId || (t.serviceId !== null && visibleTo.serviceIds.includes(t.serviceId)) || (t.domainId !== null && visibleTo.domainIds.includes(t.domainId));
    return this.page((t) => t.accountId === accountId && seen(t), filter, request);
  }
  async listQueue(filter: TicketFilter, request: PageRequest): Promise<Page<Ticket>> {
    return this.page(() => true, filter, request);
  }
  async countOpen(): Promise<number> {
    return [...this.store.tickets.values()].filter((t) => t.status === 'open').length;
  }
  async addMessage(message: TicketMessage): Promise<void> {
    this.store.ticketMessages.set(message.id, copy(message));
  }
  async listMessages(ticketId: string): Promise<TicketMessage[]> {
    return [...this.store.ticketMessages.values()]
      .filter((m) => m.ticketId === ticketId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map(copy);
  }
  async addAttachment(attachment: TicketAttachment, sealed: string): Promise<void> {
    this.store.ticketAttachments.set(attachment.id, { attachment: { ...attachment }, sealed });
  }
  async listAttachments(ticketId: string): Promise<TicketAttachment[]> {
    return [...this.store.ticketAttachments.values()].filter((a) => a.attachment.ticketId === ticketId).map((a) => ({ ...a.attachment }));
  }
  async attachment(id: string): Promise<{ attachment: TicketAttachment; sealed: string } | null> {
    const found = this.store.ticketAttachments.get(id);
    return found ? { attachment: { ...found.attachment }, sealed: found.sealed } : null;
  }
}
