import type { ContactRepository, Page, PageRequest } from '../../application/ports/repositories.js';
import type { Contact, Subscription } from '../../domain/contacts/contact.js';
import { copy } from './copy.js';
import type { InMemoryStore } from './in-memory-store.js';
import { pageDescending } from './keyset.js';

export class InMemoryContactRepository implements ContactRepository {
  constructor(private readonly store: InMemoryStore) {}
  private all(): Contact[] {
    return [...this.store.contacts.values()];
  }
  async add(contact: Contact): Promise<void> {
    contact.updatedAt = new Date();
    const clash = this.all().some((c) => c.accountId === contact.accountId && (c.email === contact.email || (contact.userId !== null && c.userId === contact.userId)));
    if (clash || (contact.invitationHash && this.all().some((c) => c.invitationHash === contact.invitationHash))) throw new Error('duplicate contact');
    this.store.contacts.set(contact.id, copy(contact));
  }
  async save(contact: Contact): Promise<void> {
    contact.updatedAt = new Date();
    if (this.all().some((c) => c.id !== contact.id && c.accountId === contact.accountId && contact.userId !== null && c.userId === contact.userId)) throw new Error('duplicate contact');
    this.store.contacts.set(contact.id, copy(contact));
  }
  async remove(id: string): Promise<void> {
    this.store.contacts.delete(id);
  }
  async findById(id: string): Promise<Contact | null> {
    const found = this.store.contacts.get(id);
    return found ? copy(found) : null;
  }
  async findByInvitationHash(tokenHash: string): Promise<Contact | null> {
    const found = this.all().find((c) => c.invitationHash === tokenHash);
    return found ? copy(found) : null;
  }
  async findByEmail(accountId: string, email: string): Promise<Contact | null> {
    const found = this.all().find((c) => c.accountId === accountId && c.email === email);
    return found ? copy(found) : null;
  }
  async listForAccount(accountId: string, page: PageRequest): Promise<Page<Contact>> {
    const result = pageDescending(this.all().filter((c) => c.accountId === accountId), (c) => ({ at: c.createdAt, id: c.id }), page, (c) => `${c.name} ${c.email}`);
    return { items: result.items.map(copy), next: result.next };
  }
  async listActiveForUser(userId: string): Promise<Contact[]> {
    return this.all().filter((c) => c.userId === userId && c.acceptedAt !== null).map(copy);
  }
  async listSubscribers(accountId: string, subscription: Subscription): Promise<Contact[]> {
    return this.all()
      .filter((c) => c.accountId === accountId && c.subscriptions.includes(subscription))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map(copy);
  }
}
