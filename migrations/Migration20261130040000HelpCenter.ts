import { Migration } from '@mikro-orm/migrations';

/**
 * The help centre and announcements. Search folds away the marks of letters (unaccent) and forgives small
 * differences in titles (pg_trgm). Both extensions are trusted since PostgreSQL 13, so the database owner may
 * create them; nothing here needs a superuser. The folding function and the text search configurations name the
 * schema unaccent lives in, so an index never depends on the search_path of whoever restores a dump.
 */
export class Migration20261130040000HelpCenter extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create extension if not exists unaccent;
      create extension if not exists pg_trgm;
      do $do$
      declare s text := (select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'unaccent');
      begin
        execute format('create function help_fold(text) returns text language sql immutable strict parallel safe as %L',
          format('select lower(%I.unaccent(%L::regdictionary, $1))', s, quote_ident(s) || '.unaccent'));
        execute 'create text search configuration help_hr (copy = pg_catalog.simple)';
        execute format('alter text search configuration help_hr alter mapping for hword, hword_part, word, asciiword, asciihword, hword_asciipart with %I.unaccent, simple', s);
        execute 'create text search configuration help_en (copy = pg_catalog.english)';
        execute format('alter text search configuration help_en alter mapping for hword, hword_part, word, asciiword, asciihword, hword_asciipart with %I.unaccent, english_stem', s);
      end
      $do$;

      -- The words of a visitor's query as prefixes, all of them required: "lozink" finds lozinka, lozinku,
      -- lozinke. Croatian has no stemmer in PostgreSQL, so a final vowel of a longer word is dropped instead.
      create function help_query(q text, locale text) returns tsquery language sql stable parallel safe as $$
        select case when count(*) = 0 then null else to_tsquery('simple', string_agg(quote_literal(
          case when locale = 'hr' and length(l) >= 5 then regexp_replace(l, '[aeiou]$', '') else l end) || ':*', ' & ')) end
        from unnest(tsvector_to_array(to_tsvector(case when locale = 'en' then 'help_en'::regconfig else 'help_hr'::regconfig end, left(q, 200)))) as l
        where l ~ '^[[:alnum:]]+$'
      $$;

      create table help_categories (
        id uuid primary key,
        slug text not null unique,
        name_hr text not null,
        name_en text not null,
        description_hr text not null default '',
        description_en text not null default '',
        position integer not null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );
      create index help_categories_position_idx on help_categories (position, id);

      create table help_articles (
        id uuid primary key,
        category_id uuid not null references help_categories (id),
        locale text not null check (locale in ('hr', 'en')),
        slug text not null unique,
        title text not null,
        summary text not null default '',
        keywords text not null default '',
        body_markdown text not null,
        body_html text not null,
        body_text text not null,
        status text not null check (status in ('draft', 'published')),
        position integer not null,
        revision integer not null,
        helpful_count integer not null default 0 check (helpful_count >= 0),
        not_helpful_count integer not null default 0 check (not_helpful_count >= 0),
        created_at timestamptz not null,
        updated_at timestamptz not null,
        published_at timestamptz null,
        search_vector tsvector generated always as (
          setweight(to_tsvector(case when locale = 'en' then 'help_en'::regconfig else 'help_hr'::regconfig end, title || ' ' || keywords), 'A') ||
          setweight(to_tsvector(case when locale = 'en' then 'help_en'::regconfig else 'help_hr'::regconfig end, summary), 'B') ||
          setweight(to_tsvector(case when locale = 'en' then 'help_en'::regconfig else 'help_hr'::regconfig end, body_text), 'C')
        ) stored,
        search_title text generated always as (help_fold(title || ' ' || keywords)) stored
      );
      create index help_articles_category_idx on help_articles (category_id, locale, position, id);
      create index help_articles_published_idx on help_articles (category_id, locale, position, id) where status = 'published';
      create index help_articles_search_idx on help_articles using gin (search_vector);
      create index help_articles_title_trgm_idx on help_articles using gin (search_title gin_trgm_ops);

      create table help_related (
        article_id uuid not null references help_articles (id) on delete cascade,
        related_id uuid not null references help_articles (id) on delete cascade,
        position integer not null,
        primary key (article_id, related_id),
        check (article_id <> related_id)
      );
      create index help_related_related_idx on help_related (related_id);

      -- Kept when an article is deleted: the record of what was published stays.
      create table help_revisions (
        id uuid primary key,
        article_id uuid not null,
        number integer not null,
        action text not null,
        staff_id uuid not null references staff_members (id),
        at timestamptz not null,
        snapshot jsonb not null,
        unique (article_id, number)
      );

      -- voter_hash is an HMAC under a server key of the article and the visitor: one vote each, nobody named.
      create table help_votes (
        article_id uuid not null references help_articles (id) on delete cascade,
        voter_hash text not null,
        helpful boolean not null,
        created_at timestamptz not null,
        primary key (article_id, voter_hash)
      );

      create table announcements (
        id uuid primary key,
        kind text not null check (kind in ('maintenance', 'price', 'news')),
        title_hr text not null,
        body_hr text not null,
        title_en text not null default '',
        body_en text not null default '',
        published_at timestamptz not null,
        published_by_staff_id uuid not null references staff_members (id),
        withdrawn_at timestamptz null,
        mailed boolean not null,
        mail_cursor uuid null
      );
      create index announcements_published_idx on announcements (published_at desc, id desc);
      create index announcements_live_idx on announcements (published_at desc, id desc) where withdrawn_at is null;
      create table announcement_reads (
        announcement_id uuid not null references announcements (id),
        user_id uuid not null references users (id),
        read_at timestamptz not null,
        primary key (user_id, announcement_id)
      );
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table announcement_reads; drop table announcements;
      drop table help_votes; drop table help_revisions; drop table help_related; drop table help_articles; drop table help_categories;
      drop function help_query(text, text); drop function help_fold(text);
      drop text search configuration help_hr; drop text search configuration help_en;
    `);
  }
}
