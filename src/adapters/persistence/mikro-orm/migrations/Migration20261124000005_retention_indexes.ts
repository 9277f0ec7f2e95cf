import { Migration } from '@mikro-orm/migrations';

/**
 * What the hourly `maintenance.cleanup` job deletes, each found through an index rather than a scan
 * of the whole table: finished jobs by when they finished (the partial index holds only finished
 * ones), processed event ids by when they were recorded, refresh tokens by when they expire.
 */
export class Migration20261124000005_retention_indexes extends Migration {
  override name = 'Migration20261124000005_retention_indexes';

  override async up(): Promise<void> {
    this.addSql(`create index "jobs_finished_updated_at_index" on "jobs" ("status", "updated_at") where "status" in ('succeeded', 'failed');`);
    this.addSql(`create index "processed_events_processed_at_index" on "processed_events" ("processed_at");`);
    this.addSql(`create index "refresh_tokens_expires_at_index" on "refresh_tokens" ("expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists "jobs_finished_updated_at_index";');
    this.addSql('drop index if exists "processed_events_processed_at_index";');
    this.addSql('drop index if exists "refresh_tokens_expires_at_index";');
  }
}
