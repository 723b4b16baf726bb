import { Migration } from '@mikro-orm/migrations';

/** The service or domain a ticket is about, so that a contact scoped to part of the account reads only its tickets. */
export class Migration20261130010000TicketScope extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table tickets add column service_id uuid null, add column domain_id uuid null;
      update tickets set service_id = (request_payload->>'serviceId')::uuid where request_payload ? 'serviceId';
      update tickets set domain_id = (request_payload->>'domainId')::uuid where request_payload ? 'domainId';
    `);
  }

  override async down(): Promise<void> {
    this.addSql('alter table tickets drop column service_id, drop column domain_id;');
  }
}
