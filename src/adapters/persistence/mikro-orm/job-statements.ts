/** The jobs table's statements (see JobRepository), run through an EntityManager fork (`em.execute`). */
const JOB_COLUMNS = `"id", "type", "data", "status", "attempts", "max_attempts" as "maxAttempts", "owner_id" as "ownerId",
  "created_at" as "createdAt", "updated_at" as "updatedAt", "available_at" as "availableAt", "lease_until" as "leaseUntil", "error"`;

export const INSERT_JOB = `insert into "jobs" ("id", "type", "data", "status", "attempts", "max_attempts", "owner_id", "created_at", "updated_at", "available_at")
  values (?, ?, ?::jsonb, 'queued', 0, ?, ?, ?, ?, ?) on conflict do nothing`;

export const FIND_JOB = `select ${JOB_COLUMNS} from "jobs" where "id" = ?`;

export const JOB_RESULT = `select "result" from "jobs" where "id" = ? and "status" = 'succeeded'`;

/**
 * One statement for a batch of ids: the claims, and (for those whose conditions do not hold) the
 * rows as they are. Both parts see the same snapshot, so a row is in the second part only when the
 * first did not change it. Parameters: leaseUntil, now, ids, now, now, ids.
 */
export const CLAIM_JOBS = `with "claimed" as (
    update "jobs" set "status" = 'running', "attempts" = "attempts" + 1, "lease_until" = ?, "updated_at" = ?
    where "id" = any(?::uuid[]) and "attempts" < "max_attempts"
      and (("status" = 'queued' and "available_at" <= ?) or ("status" = 'running' and "lease_until" <= ?))
    returning ${JOB_COLUMNS}
  )
  select true as "claimed", * from "claimed"
  union all
  select false as "claimed", ${JOB_COLUMNS} from "jobs" where "id" = any(?::uuid[]) and "id" not in (select "id" from "claimed")`;

/** A run's write holds only while the run does: still running, and still this attempt. */
export const EXTEND_LEASE = `update "jobs" set "lease_until" = ? where "id" = ? and "attempts" = ? and "status" = 'running'`;

/**
 * Ends a batch of runs in one statement; the batch comes as one JSON array (no array literal to
 * escape, results and errors being any text). Parameters: now, ends.
 */
export const FINISH_JOBS = `update "jobs" as "j" set
    "status" = case when "e"."status" = 'released' then 'queued' else "e"."status" end,
    "max_attempts" = "j"."max_attempts" + case when "e"."status" = 'released' then 1 else 0 end,
    "result" = "e"."result",
    "error" = case when "e"."status" = 'released' then "j"."error" else "e"."error" end,
    "available_at" = coalesce("e"."available_at", "j"."available_at"), "lease_until" = null, "updated_at" = ?
  from jsonb_to_recordset(?::jsonb) as "e"("id" uuid, "attempt" integer, "status" text, "result" text, "error" text, "available_at" timestamptz)
  where "j"."id" = "e"."id" and "j"."attempts" = "e"."attempt" and "j"."status" = 'running'
  returning "j"."id"`;

export const UNFINISHED_JOBS = `select "id", "type" from "jobs" where "status" in ('queued', 'running') order by "created_at", "id" limit ?`;

/** A transaction-scoped advisory lock per owner and type (released at commit or rollback). */
export const LOCK_OWNER_JOBS = `select pg_advisory_xact_lock(hashtextextended('jobs:' || ? || ':' || ?, 0))`;

export const COUNT_UNFINISHED_OF_OWNER = `select count(*)::int as "count" from "jobs" where "owner_id" = ? and "type" = ? and "status" in ('queued', 'running')`;

/**
 * Retention, a bounded batch at a time (short locks, short WAL bursts): the rows found through the
 * index, then deleted by their physical address (a TID scan, no join back over the table).
 * Parameters: status, before, limit.
 */
export const DELETE_FINISHED_JOBS = `delete from "jobs" where ctid = any(array(select ctid from "jobs" where "status" = ? and "updated_at" < ? limit ?))`;

/** Parameters: before, before, limit. Through the partial index of unfinished jobs: few rows, whatever the table's size. */
export const OVERDUE_JOBS = `select "id", "type" from "jobs" where "status" in ('queued', 'running')
    and (("status" = 'queued' and "available_at" < ?) or ("status" = 'running' and "lease_until" < ?))
  order by "created_at", "id" limit ?`;
