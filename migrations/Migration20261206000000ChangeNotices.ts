import { Migration } from '@mikro-orm/migrations';

/**
 * Every change to what a web worker keeps in memory is announced on the `portal_changes` channel when it commits, by
 * the database itself, whichever process or statement made it: what a session read carries (the session, its person,
 * the accounts they own and their contacts, a staff member) and the help centre's categories and articles. A worker
 * drops what it kept when it hears of a change behind it (adapters/postgres/notified-cache.ts). The notice names what
 * changed: `s <session id>`, `u <user id>`, `m <staff id>`, or `help`.
 */
export class Migration20261206000000ChangeNotices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function portal_change_notice() returns trigger language plpgsql as $$
      begin
        if tg_table_name = 'sessions' then
          perform pg_notify('portal_changes', 's ' || old.id);
        elsif tg_table_name = 'users' then
          perform pg_notify('portal_changes', 'u ' || old.id);
        elsif tg_table_name = 'staff_members' then
          perform pg_notify('portal_changes', 'm ' || old.id);
        elsif tg_table_name = 'contacts' then
          if tg_op <> 'INSERT' and old.user_id is not null then perform pg_notify('portal_changes', 'u ' || old.user_id); end if;
          if tg_op <> 'DELETE' and new.user_id is not null then perform pg_notify('portal_changes', 'u ' || new.user_id); end if;
        elsif tg_table_name = 'client_accounts' then
          if tg_op <> 'INSERT' and old.owner_user_id is not null then perform pg_notify('portal_changes', 'u ' || old.owner_user_id); end if;
          if tg_op <> 'DELETE' and new.owner_user_id is not null then perform pg_notify('portal_changes', 'u ' || new.owner_user_id); end if;
        elsif tg_table_name in ('help_categories', 'help_articles') then
          perform pg_notify('portal_changes', 'help');
        end if;
        return null;
      end
    $$;`);
    this.addSql('create trigger sessions_change_notice after update or delete on sessions for each row execute function portal_change_notice();');
    this.addSql('create trigger users_change_notice after update or delete on users for each row execute function portal_change_notice();');
    this.addSql('create trigger staff_members_change_notice after update or delete on staff_members for each row execute function portal_change_notice();');
    this.addSql('create trigger contacts_change_notice after insert or update or delete on contacts for each row execute function portal_change_notice();');
    this.addSql('create trigger help_categories_change_notice after insert or update or delete on help_categories for each row execute function portal_change_notice();');
    this.addSql('create trigger help_articles_change_notice after insert or update or delete on help_articles for each row execute function portal_change_notice();');
    this.addSql('create trigger client_accounts_change_notice after insert or update of owner_user_id, name or delete on client_accounts for each row execute function portal_change_notice();');
  }

  override async down(): Promise<void> {
    for (const table of ['sessions', 'users', 'staff_members', 'contacts', 'client_accounts', 'help_categories', 'help_articles']) this.addSql(`drop trigger ${table}_change_notice on ${table};`);
    this.addSql('drop function portal_change_notice();');
  }
}
