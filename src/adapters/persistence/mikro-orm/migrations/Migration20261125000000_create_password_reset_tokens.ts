import { Migration } from '@mikro-orm/migrations';

/**
 * Password-reset tokens: only a SHA-256 of each secret is stored. The user id is the primary key,
 * so a user holds one token at most and a new one replaces (voids) the earlier in one upsert,
 * whatever runs concurrently. A used token stays, marked, until the cleanup deletes it past expiry.
 */
export class Migration20261125000000_create_password_reset_tokens extends Migration {
  override name = 'Migration20261125000000_create_password_reset_tokens';

  override async up(): Promise<void> {
    this.addSql(`create table "password_reset_tokens" (
      "user_id" uuid not null,
      "token_hash" text not null,
      "created_at" timestamptz(3) not null,
      "expires_at" timestamptz(3) not null,
      "used_at" timestamptz(3) null,
      constraint "password_reset_tokens_pkey" primary key ("user_id"),
      constraint "password_reset_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade
    );`);
    // Serves every confirmation (`where token_hash = ?`); no two rows can share a hash.
    this.addSql('create unique index "password_reset_tokens_token_hash_unique" on "password_reset_tokens" ("token_hash");');
    // Serves the hourly cleanup (`where expires_at < ?`).
    this.addSql('create index "password_reset_tokens_expires_at_index" on "password_reset_tokens" ("expires_at");');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "password_reset_tokens";');
  }
}
