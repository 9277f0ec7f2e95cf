import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency keys (API.md, Idempotent creation): one row per caller and key. The primary key makes
 * concurrent claims of one key exclusive; `response_status` is null while the first request runs,
 * and is set, with the answer, in the create's own transaction. The hourly cleanup deletes rows
 * past `expires_at` (24 hours after the claim).
 */
export class Migration20261126000000_create_idempotency_keys extends Migration {
  override name = 'Migration20261126000000_create_idempotency_keys';

  override async up(): Promise<void> {
    this.addSql(`create table "idempotency_keys" (
      "caller" text not null,
      "key" text not null,
      "request_hash" text not null,
      "token" text not null,
      "created_at" timestamptz(3) not null,
      "lease_until" timestamptz(3) not null,
      "expires_at" timestamptz(3) not null,
      "response_status" int null,
      "response_headers" text null,
      "response_body" text null,
      constraint "idempotency_keys_pkey" primary key ("caller", "key")
    );`);
    // Serves the hourly cleanup (`where expires_at < ?`).
    this.addSql('create index "idempotency_keys_expires_at_index" on "idempotency_keys" ("expires_at");');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "idempotency_keys";');
  }
}
