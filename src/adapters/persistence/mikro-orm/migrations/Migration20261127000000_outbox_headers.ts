import { Migration } from '@mikro-orm/migrations';

/**
 * The headers an outbox row is published with (the W3C `traceparent` of the change, when tracing
 * is on): null when there are none, so rows written with tracing off cost nothing more.
 */
export class Migration20261127000000_outbox_headers extends Migration {
  override name = 'Migration20261127000000_outbox_headers';

  override async up(): Promise<void> {
    this.addSql('alter table "outbox" add column "headers" jsonb null;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table "outbox" drop column if exists "headers";');
  }
}
