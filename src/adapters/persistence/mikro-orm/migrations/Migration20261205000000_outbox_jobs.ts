import { Migration } from '@mikro-orm/migrations';

/**
 * Job messages join the events in the outbox, so starting a job is one more row in the caller's
 * transaction rather than a broker round trip inside it (a request-scoped connection on the edge
 * cannot hold one). `kind` tells the relay where a row goes; `headers` travel with the message
 * (a trace context, say). Existing rows are events without headers.
 */
export class Migration20261205000000_outbox_jobs extends Migration {
  override name = 'Migration20261205000000_outbox_jobs';

  override async up(): Promise<void> {
    this.addSql(`alter table "outbox"
      add column "kind" text not null default 'event',
      add column "headers" jsonb not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outbox" drop column "kind", drop column "headers";`);
  }
}
