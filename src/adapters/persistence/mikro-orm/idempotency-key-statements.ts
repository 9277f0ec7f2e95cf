/**
 * The idempotency-key statements, fixed SQL run through the EntityManager fork (`em.execute`) so
 * they join its transaction; see user-statements.ts for why not the QueryBuilder.
 */

/**
 * The whole claim decision in one statement. A free key is inserted; a taken one is taken over only
 * when it has expired (the cleanup has not run yet) or is a running claim past its lease (its
 * process died). Concurrent claimers of one key queue on the primary key, and each re-checks the
 * WHERE on the committed row once it gets it, so exactly one gets the row back. Parameters: caller,
 * key, request hash, token, now, lease until, expires at.
 */
export const CLAIM_IDEMPOTENCY_KEY = `insert into "idempotency_keys" as "k"
  ("caller", "key", "request_hash", "token", "created_at", "lease_until", "expires_at") values (?, ?, ?, ?, ?, ?, ?)
  on conflict ("caller", "key") do update set "request_hash" = excluded."request_hash", "token" = excluded."token",
    "created_at" = excluded."created_at", "lease_until" = excluded."lease_until", "expires_at" = excluded."expires_at",
    "response_status" = null, "response_headers" = null, "response_body" = null
  where "k"."expires_at" <= excluded."created_at" or ("k"."response_status" is null and "k"."lease_until" <= excluded."created_at")
  returning "token"`;

/** Only after CLAIM_IDEMPOTENCY_KEY took nothing: what holds the key. On the primary key. */
export const FIND_IDEMPOTENCY_KEY = `select "request_hash" as "requestHash", "response_status" as "status",
  "response_headers" as "headers", "response_body" as "body"
  from "idempotency_keys" where "caller" = ? and "key" = ?`;

/** Parameters: status, headers (JSON), body, caller, key, token. */
export const COMPLETE_IDEMPOTENCY_KEY = `update "idempotency_keys" set "response_status" = ?, "response_headers" = ?, "response_body" = ?
  where "caller" = ? and "key" = ? and "token" = ? and "response_status" is null`;

/** A claim without an answer; never a kept answer. Parameters: caller, key, token. */
export const RELEASE_IDEMPOTENCY_KEY = `delete from "idempotency_keys"
  where "caller" = ? and "key" = ? and "token" = ? and "response_status" is null`;

/** Retention, a bounded batch at a time (as DELETE_FINISHED_JOBS). Parameters: before, limit. */
export const DELETE_EXPIRED_IDEMPOTENCY_KEYS = `delete from "idempotency_keys" where ctid = any(array(select ctid from "idempotency_keys" where "expires_at" < ? limit ?))`;
