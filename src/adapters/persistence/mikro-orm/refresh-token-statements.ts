/**
 * The refresh token statements, fixed SQL run through the EntityManager fork (`em.execute`) so
 * they join its transaction; see user-statements.ts for why not the QueryBuilder.
 */
const COLUMNS = `"id", "session_id" as "sessionId", "user_id" as "userId", "token_hash" as "tokenHash",
  "created_at" as "createdAt", "expires_at" as "expiresAt"`;

export const INSERT_REFRESH_TOKEN = `insert into "refresh_tokens"
  ("id", "session_id", "user_id", "token_hash", "created_at", "expires_at") values (?, ?, ?, ?, ?, ?)`;

/**
 * The whole rotation decision in one statement: the row lock it takes makes concurrent presenters
 * of the same token queue behind the first, and each re-checks `used_at is null` on the committed
 * row once it gets the lock (PostgreSQL's READ COMMITTED re-evaluation), so exactly one succeeds.
 * A read-then-write would let two of them both see the token unused.
 */
export const USE_REFRESH_TOKEN = `update "refresh_tokens" set "used_at" = ?
  where "token_hash" = ? and "used_at" is null and "revoked_at" is null and "expires_at" > ?
  returning ${COLUMNS}`;

/** Only after USE_REFRESH_TOKEN changed nothing: tells reuse (used before) from anything else. */
export const FIND_REFRESH_TOKEN_BY_HASH = `select ${COLUMNS}, "used_at" as "usedAt"
  from "refresh_tokens" where "token_hash" = ?`;

export const FIND_SESSION_BY_HASH = `select "session_id" as "sessionId", "user_id" as "userId"
  from "refresh_tokens" where "token_hash" = ?`;

/** On refresh_tokens_session_id_index: a session has a handful of rows, one per rotation. */
export const IS_SESSION_REVOKED = `select exists (select 1 from "refresh_tokens"
  where "session_id" = ? and "revoked_at" is not null) as "revoked"`;

/** Tokens revoked earlier keep their first revocation time, and are not counted again. */
export const REVOKE_SESSION = `update "refresh_tokens" set "revoked_at" = ?
  where "session_id" = ? and "revoked_at" is null`;

/**
 * Every session of a user at once (a password change or reset), on refresh_tokens_user_id_index.
 * Parameters: now, user id, the session to keep (null for none). Answers each ended session once.
 */
export const REVOKE_USER_SESSIONS = `with "revoked" as (update "refresh_tokens" set "revoked_at" = ?
  where "user_id" = ? and "revoked_at" is null and "session_id" is distinct from ?::uuid returning "session_id")
  select distinct "session_id" as "sessionId" from "revoked"`;

/**
 * A user's live sessions, on refresh_tokens_user_id_index: one group per session, dropped when any
 * token of it is revoked or its latest token (by creation, then id) has expired. Parameters: user id, now.
 */
export const LIVE_USER_SESSIONS = `select * from (
    select "session_id" as "sessionId", min("created_at") as "createdAt",
      (array_agg("created_at" order by "created_at" desc, "id" desc))[1] as "lastRefreshedAt",
      (array_agg("expires_at" order by "created_at" desc, "id" desc))[1] as "expiresAt"
    from "refresh_tokens" where "user_id" = ?
    group by "session_id" having bool_and("revoked_at" is null)
  ) as "sessions" where "expiresAt" > ? order by "createdAt" desc, "sessionId" desc`;

/** Retention, a bounded batch at a time (as DELETE_FINISHED_JOBS). Parameters: before, limit. */
export const DELETE_EXPIRED_REFRESH_TOKENS = `delete from "refresh_tokens" where ctid = any(array(select ctid from "refresh_tokens" where "expires_at" < ? limit ?))`;

/**
 * One transaction-scoped advisory lock per user guards its sessions. A token being written (sign-in,
 * rotation) holds it shared, a revocation exclusively: otherwise a revoking UPDATE, which sees only
 * rows committed when it started, would miss a token a concurrent refresh or sign-in inserts, and
 * that token would live on in a "revoked" session. Shared holders never wait for one another.
 */
const SESSIONS_LOCK_KEY = `hashtextextended('sessions:' || ?, 0)`;
export const LOCK_USER_SESSIONS_SHARED = `select pg_advisory_xact_lock_shared(${SESSIONS_LOCK_KEY})`;
export const LOCK_USER_SESSIONS = `select pg_advisory_xact_lock(${SESSIONS_LOCK_KEY})`;
/** The shared lock of the user whose token this is; no row, no lock (an unknown token changes nothing). */
export const LOCK_SESSIONS_OF_TOKEN = `select pg_advisory_xact_lock_shared(hashtextextended('sessions:' || "user_id", 0))
  from "refresh_tokens" where "token_hash" = ?`;
/** The exclusive lock of the session's user, before revoking it. */
export const LOCK_SESSIONS_OF_SESSION = `select pg_advisory_xact_lock(hashtextextended('sessions:' || "user_id", 0))
  from "refresh_tokens" where "session_id" = ? limit 1`;
