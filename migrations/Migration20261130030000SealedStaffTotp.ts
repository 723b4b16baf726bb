import { Migration } from '@mikro-orm/migrations';

/** Staff TOTP secrets are sealed like the clients': the portal seals the ones still in clear at its next start. */
export class Migration20261130030000SealedStaffTotp extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table staff_members rename column totp_secret to totp_sealed;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table staff_members rename column totp_sealed to totp_secret;');
  }
}
