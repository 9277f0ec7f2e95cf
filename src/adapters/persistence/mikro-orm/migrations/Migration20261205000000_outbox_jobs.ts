import { Migration } from '@mikro-orm/migrations';

/**
 * Job messages join the events in the outbox, so starting a job is one more row in the caller's
 * transaction rather than a broker round trip inside it (a request-scoped connection on the edge
 * cannot hold one). `kind` tells the relay where a row goes; a job's headers (its trace context)
 * use the column events already have (Migration20261127000000_outbox_headers). Existing rows are events.
 */
export class Migration20261205000000_outbox_jobs extends Migration {
  override name = 'Migration20261205000000_outbox_jobs';

  override async up(): Promise<void> {
    this.addSql(`alter table "outbox" add column "kind" text not null default 'event';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outbox" drop column "kind";`);
  }
}
