import { Migration } from '@mikro-orm/migrations';

/**
 * Background jobs and their state (API.md, "Background jobs"); the queue carries only their ids.
 * Every run's write is by primary key. The partial indexes serve the in-process queue's restart
 * (unfinished jobs, oldest first) and the cap on an owner's exports in progress; both stay as
 * small as the backlog: finished jobs are not in them.
 */
export class Migration20261124000004_create_jobs extends Migration {
  override name = 'Migration20261124000004_create_jobs';

  override async up(): Promise<void> {
    this.addSql(`create table "jobs" (
      "id" uuid primary key,
      "type" text not null,
      "data" jsonb not null,
      "status" text not null check ("status" in ('queued', 'running', 'succeeded', 'failed')),
      "attempts" integer not null default 0,
      "max_attempts" integer not null check ("max_attempts" >= 1),
      "owner_id" uuid null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "available_at" timestamptz not null,
      "lease_until" timestamptz null,
      "error" text null,
      "result" text null
    );`);
    this.addSql(`create index "jobs_unfinished_index" on "jobs" ("created_at", "id") where "status" in ('queued', 'running');`);
    this.addSql(`create index "jobs_owner_unfinished_index" on "jobs" ("owner_id", "type") where "status" in ('queued', 'running');`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "jobs";');
  }
}
