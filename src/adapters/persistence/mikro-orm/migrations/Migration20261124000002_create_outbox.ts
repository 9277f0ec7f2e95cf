import { Migration } from '@mikro-orm/migrations';

/**
 * The transactional outbox: the events of a change are inserted in the change's own transaction,
 * and a relay publishes and deletes them (outbox-statements.ts). `available_at` is when a row may be
 * tried (again); rows are taken in id order (UUIDv7: the order they were recorded), so the primary
 * key serves the relay's scan, and the table stays as small as the backlog.
 */
export class Migration20261124000002_create_outbox extends Migration {
  override name = 'Migration20261124000002_create_outbox';

  override async up(): Promise<void> {
    this.addSql(`create table "outbox" (
      "id" uuid primary key,
      "type" text not null,
      "data" jsonb not null,
      "occurred_at" timestamptz not null,
      "attempts" integer not null default 0,
      "available_at" timestamptz not null,
      "last_error" text null
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "outbox";');
  }
}
