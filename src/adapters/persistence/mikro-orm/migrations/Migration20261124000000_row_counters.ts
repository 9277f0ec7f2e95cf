import { Migration } from '@mikro-orm/migrations';

/** How many rows each counter key is spread over, so concurrent writers rarely wait on one row. */
export const COUNTER_SHARDS = 16;

/**
 * Exact totals without `count(*)`: the contract wants exact totals on every page, and counting a
 * million rows per request takes ~100 ms. Statement-level triggers keep per-key counts in
 * "row_counts" in the same transaction as the change (so a rollback rolls them back too, and
 * every writer, the seed's bulk inserts included, keeps them right). Keys: `users`,
 * `users|status:S`, `users|role:R`, `users|status:S|role:R`, `posts`, `posts|status:S`.
 * Each change adds to one of COUNTER_SHARDS rows per key, picked by the connection (so one
 * transaction always uses the same shard, and two transactions meet only when their connections
 * share one); a total is the sum. Rows are locked in key order within a statement. The rare
 * deadlock left (two transactions on one shard touching users and posts in opposite orders) is
 * retried by the unit of work.
 */
export class Migration20261124000000_row_counters extends Migration {
  override name = 'Migration20261124000000_row_counters';

  override async up(): Promise<void> {
    this.addSql(`create table "row_counts" (
      "key" text not null,
      "shard" smallint not null,
      "n" bigint not null,
      constraint "row_counts_pkey" primary key ("key", "shard")
    );`);
    // The keys a row counts towards, as a set-returning function shared by every trigger.
    this.addSql(`create function "user_count_keys"("status" text, "role" text) returns setof text language sql immutable as $$
      select unnest(array['users', 'users|status:' || "status", 'users|role:' || "role", 'users|status:' || "status" || '|role:' || "role"])
    $$;`);
    this.addSql(`create function "post_count_keys"("status" text) returns setof text language sql immutable as $$
      select unnest(array['posts', 'posts|status:' || "status"])
    $$;`);
    // Adds the (signed) per-key sums of one statement's rows.
    this.addSql(`create function "add_row_counts"("deltas" jsonb) returns void language sql as $$
      insert into "row_counts" ("key", "shard", "n")
      select d.key, (pg_backend_pid() % ${COUNTER_SHARDS})::smallint, d.value::bigint
      from jsonb_each_text("deltas") d where d.value::bigint <> 0
      order by d.key
      on conflict ("key", "shard") do update set "n" = "row_counts"."n" + excluded."n"
    $$;`);
    for (const table of ['users', 'posts'] as const) {
      const keys = table === 'users' ? 'user_count_keys(r.status, r.role)' : 'post_count_keys(r.status)';
      const delta = (rows: string, sign: string) => `select k, ${sign}count(*) as c from ${rows} r, ${keys} k group by k`;
      this.addSql(`create function "${table}_count_insert"() returns trigger language plpgsql as $$ begin
        perform add_row_counts(coalesce((select jsonb_object_agg(k, c) from (${delta('new_rows', '')}) d), '{}'));
        return null; end $$;`);
      this.addSql(`create function "${table}_count_delete"() returns trigger language plpgsql as $$ begin
        perform add_row_counts(coalesce((select jsonb_object_agg(k, c) from (${delta('old_rows', '-')}) d), '{}'));
        return null; end $$;`);
      // An update moves a row between keys only when a counted column changes; the two sides
      // are summed per key first, so an unchanged row nets to zero and writes nothing.
      this.addSql(`create function "${table}_count_update"() returns trigger language plpgsql as $$ begin
        perform add_row_counts(coalesce((select jsonb_object_agg(k, c) from (
          select k, sum(c) as c from (${delta('new_rows', '')} union all ${delta('old_rows', '-')}) both_sides group by k
        ) d), '{}'));
        return null; end $$;`);
      this.addSql(`create trigger "${table}_count_insert" after insert on "${table}" referencing new table as new_rows
        for each statement execute function "${table}_count_insert"();`);
      this.addSql(`create trigger "${table}_count_delete" after delete on "${table}" referencing old table as old_rows
        for each statement execute function "${table}_count_delete"();`);
      this.addSql(`create trigger "${table}_count_update" after update on "${table}" referencing old table as old_rows new table as new_rows
        for each statement execute function "${table}_count_update"();`);
    }
    // Rows that exist already are counted once, now.
    this.addSql(`select add_row_counts(coalesce((select jsonb_object_agg(k, c) from (
      select k, count(*) as c from "users" r, user_count_keys(r.status, r.role) k group by k) d), '{}'));`);
    this.addSql(`select add_row_counts(coalesce((select jsonb_object_agg(k, c) from (
      select k, count(*) as c from "posts" r, post_count_keys(r.status) k group by k) d), '{}'));`);
  }

  override async down(): Promise<void> {
    for (const table of ['users', 'posts']) {
      for (const event of ['insert', 'delete', 'update']) {
        this.addSql(`drop trigger if exists "${table}_count_${event}" on "${table}";`);
        this.addSql(`drop function if exists "${table}_count_${event}"();`);
      }
    }
    this.addSql('drop function if exists "add_row_counts"(jsonb);');
    this.addSql('drop function if exists "user_count_keys"(text, text);');
    this.addSql('drop function if exists "post_count_keys"(text);');
    this.addSql('drop table if exists "row_counts";');
  }
}
