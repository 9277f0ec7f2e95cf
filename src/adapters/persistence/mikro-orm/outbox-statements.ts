/** The outbox statements, run through an EntityManager fork (`em.execute`) so they join its transaction. */
export const INSERT_OUTBOX = `insert into "outbox" ("id", "type", "data", "occurred_at", "available_at", "headers") values (?, ?, ?::jsonb, ?, ?, ?::jsonb)`;

/** A job message: no data of its own (the jobs table has it), its headers kept for the queue. */
export const INSERT_OUTBOX_JOB = `insert into "outbox" ("id", "kind", "type", "data", "headers", "occurred_at", "available_at") values (?, 'job', ?, '{}', ?::jsonb, ?, ?)`;

/**
 * The relay's claim of one kind ('event' or 'job'): the oldest due rows, locked. SKIP LOCKED makes concurrent relays pass over
 * each other's rows instead of queueing on them, so each event is in one relay's batch at a time.
 * Nothing is taken past a row that is waiting for its retry (head of line): events are published in
 * the order they were recorded, even across a broker outage, as long as one relay runs.
 */
export const CLAIM_OUTBOX = `select "id", "type", "data", "headers", "occurred_at" as "occurredAt", "attempts"
  from "outbox" where "kind" = ? and "available_at" <= ?
    and "id" < coalesce((select "id" from "outbox" where "kind" = ? and "available_at" > ? order by "id" limit 1), 'ffffffff-ffff-ffff-ffff-ffffffffffff')
  order by "id" limit ? for update skip locked`;

export const DELETE_OUTBOX = `delete from "outbox" where "id" = any(?::uuid[])`;

export const RETRY_OUTBOX = `update "outbox" set "attempts" = "attempts" + 1, "available_at" = ?, "last_error" = ?
  where "id" = any(?::uuid[])`;

export const OUTBOX_LAG = `select count(*)::int as "pending", min("occurred_at") as "oldest" from "outbox"`;

/** The primary key decides: a second record of the same event by the same consumer inserts nothing. */
export const RECORD_PROCESSED = `insert into "processed_events" ("consumer", "event_id") values (?, ?) on conflict do nothing`;

export const RETRY_OUTBOX_NOW = `update "outbox" set "available_at" = ? where "available_at" > ?`;

/** Retention, a bounded batch at a time (as DELETE_FINISHED_JOBS). Parameters: before, limit. */
export const DELETE_PROCESSED_BEFORE = `delete from "processed_events" where ctid = any(array(select ctid from "processed_events" where "processed_at" < ? limit ?))`;
