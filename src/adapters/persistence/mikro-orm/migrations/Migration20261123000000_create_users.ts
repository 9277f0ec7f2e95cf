import { Migration } from '@mikro-orm/migrations';

/**
 * The users table. Text sorts use COLLATE "C" in queries (code-point order, the same on every
 * database locale and in the in-memory adapter), so no index here depends on a locale.
 */
export class Migration20261123000000_create_users extends Migration {
  override name = 'Migration20261123000000_create_users';

  override async up(): Promise<void> {
    // Trigram operator classes for the search index; PGlite ships pg_trgm as a loadable extension.
    this.addSql('create extension if not exists pg_trgm;');
    // Lengths mirror the domain limits (varchar counts characters, like the domain's code-point count).
    this.addSql(`create table "users" (
      "id" uuid not null,
      "name" varchar(100) not null,
      "email" varchar(254) not null,
      "status" text not null,
      "role" text not null,
      "password_hash" text null,
      "created_at" timestamptz(3) not null,
      "updated_at" timestamptz(3) not null,
      "version" int not null,
      constraint "users_pkey" primary key ("id"),
      constraint "users_status_check" check ("status" in ('active', 'inactive', 'suspended')),
      constraint "users_role_check" check ("role" in ('admin', 'member'))
    );`);
    // Serves uniqueness (case-insensitive) and findByEmail / login lookups: `where lower(email) = ?`.
    // INCLUDE makes a credentials lookup index-only; "email" itself is included because PostgreSQL
    // needs the plain column in the index before it will answer `lower(email) = ?` without the heap.
    this.addSql(
      'create unique index "users_email_lower_unique" on "users" (lower("email")) include ("email", "id", "status", "role", "password_hash");',
    );
    // Serves the default listing order (`-createdAt`, ties by id desc), offset and keyset pages alike.
    this.addSql('create index "users_created_at_id_index" on "users" ("created_at" desc, "id" desc);');
    // Serves the same order filtered to `status=active`, the most common filtered listing.
    this.addSql(
      `create index "users_active_created_at_id_index" on "users" ("created_at" desc, "id" desc) where "status" = 'active';`,
    );
    // Serves `search`: `name ILIKE '%x%' OR email ILIKE '%x%'` (a bitmap OR over this one index).
    this.addSql(
      'create index "users_search_trgm_index" on "users" using gin ("name" gin_trgm_ops, "email" gin_trgm_ops);',
    );
  }

  override async down(): Promise<void> {
    // The extension stays: other objects may use it, and dropping it needs more privilege.
    this.addSql('drop table if exists "users";');
  }
}
