import { Migration } from '@mikro-orm/migrations';

/**
 * Which events each consumer has handled (idempotent-consumer.ts): one row per consumer and event,
 * the primary key deciding a race between two deliveries of one event. Rows older than any possible
 * redelivery can be deleted by a cleanup job.
 */
export class Migration20261124000003_create_processed_events extends Migration {
  override name = 'Migration20261124000003_create_processed_events';

  override async up(): Promise<void> {
    this.addSql(`create table "processed_events" (
      "consumer" text not null,
      "event_id" uuid not null,
      "processed_at" timestamptz not null default now(),
      primary key ("consumer", "event_id")
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "processed_events";');
  }
}
