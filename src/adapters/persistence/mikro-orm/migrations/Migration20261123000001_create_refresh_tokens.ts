import { Migration } from '@mikro-orm/migrations';

/**
 * Refresh tokens: only a SHA-256 of each token is stored, never the token. Every token of one
 * login shares a "session_id" (its rotation family); a used token stays, marked, so that presenting
 * it again is recognised as reuse rather than as an unknown token.
 */
export class Migration20261123000001_create_refresh_tokens extends Migration {
  override name = 'Migration20261123000001_create_refresh_tokens';

  override async up(): Promise<void> {
    // The cascade makes deleting a user end every session of it, in the same statement.
    this.addSql(`create table "refresh_tokens" (
      "id" uuid not null,
      "session_id" uuid not null,
      "user_id" uuid not null,
      "token_hash" text not null,
      "created_at" timestamptz(3) not null,
      "expires_at" timestamptz(3) not null,
      "used_at" timestamptz(3) null,
      "revoked_at" timestamptz(3) null,
      constraint "refresh_tokens_pkey" primary key ("id"),
      constraint "refresh_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade
    );`);
    // Serves every presentation of a token (`use`, `sessionOf`: `where token_hash = ?`), and makes a
    // second row with the same hash impossible, so a lookup can never find two tokens.
    this.addSql('create unique index "refresh_tokens_token_hash_unique" on "refresh_tokens" ("token_hash");');
    // Serves `revokeSession` (`where session_id = ?`), which must stay cheap however many sessions exist.
    this.addSql('create index "refresh_tokens_session_id_index" on "refresh_tokens" ("session_id");');
    // Serves the foreign key: without it, each user delete would scan the whole table for tokens to cascade.
    this.addSql('create index "refresh_tokens_user_id_index" on "refresh_tokens" ("user_id");');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "refresh_tokens";');
  }
}
