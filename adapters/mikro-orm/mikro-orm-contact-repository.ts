import type { ContactRepository, Page, PageRequest } from '../../application/ports/repositories.js';
import type { Contact, Subscription } from '../../domain/contacts/contact.js';
import { keysetPage, searchWhere } from './mikro-orm-repositories.js';
import { execute, type Em } from './orm.js';
import { rowMapper } from './row-mapper.js';
import { ContactSchema } from './schemas.js';

const toContact = rowMapper(ContactSchema);

export class MikroOrmContactRepository implements ContactRepository {
  constructor(private readonly em: Em) {}
  async add(contact: Contact): Promise<void> {
    this.em.persist(contact);
    await this.em.flush();
  }
  async save(contact: Contact): Promise<void> {
    this.em.persist(contact);
    await this.em.flush();
  }
  async remove(id: string): Promise<void> {
    const found = await this.em.findOne(ContactSchema, { id });
    if (found) this.em.remove(found);
    await this.em.flush();
  }
  findById(id: string): Promise<Contact | null> {
    return this.em.findOne(ContactSchema, { id });
  }
  findByInvitationHash(tokenHash: string): Promise<Contact | null> {
    return this.em.findOne(ContactSchema, { invitationHash: tokenHash });
  }
  findByEmail(accountId: string, email: string): Promise<Contact | null> {
    return this.em.findOne(ContactSchema, { accountId, email });
  }
  listForAccount(accountId: string, page: PageRequest): Promise<Page<Contact>> {
    return keysetPage(
      (where, limit, direction) => this.em.find(ContactSchema, { accountId, ...where, ...searchWhere(page.search, ['name', 'email']) }, { orderBy: { createdAt: direction, id: direction }, limit }),
      'createdAt',
      (c) => ({ at: c.createdAt, id: c.id }),
      page,
    );
  }
  listActiveForUser(userId: string): Promise<Contact[]> {
    return this.em.find(ContactSchema, { userId, acceptedAt: { $ne: null } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }
  async listSubscribers(accountId: string, subscription: Subscription): Promise<Contact[]> {
    // Who to mail, in one statement: built from rows, for reading (see the port).
    const rows = await execute(this.em, 'select * from contacts where account_id = $1 and $2 = any(subscriptions) order by created_at, id', [accountId, subscription]);
    return rows.map(toContact);
  }
}
