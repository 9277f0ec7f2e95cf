/**
 * The password-reset token statements, fixed SQL run through the EntityManager fork (`em.execute`)
 * so they join its transaction; see user-statements.ts for why not the QueryBuilder.
 */

/**
 * One row per user (the primary key): a new token overwrites the earlier one, used or not, so
 * only the latest link works. Parameters: user id, hash, created, expires.
 */
export const REPLACE_PASSWORD_RESET_TOKEN = `insert into "password_reset_tokens" ("user_id", "token_hash", "created_at", "expires_at")
  values (?, ?, ?, ?)
  on conflict ("user_id") do update set "token_hash" = excluded."token_hash", "created_at" = excluded."created_at",
    "expires_at" = excluded."expires_at", "used_at" = null`;

/** Parameters: hash, now. */
export const PASSWORD_RESET_TOKEN_HOLDER = `select "user_id" as "userId" from "password_reset_tokens"
  where "token_hash" = ? and "used_at" is null and "expires_at" > ?`;

/**
 * Single use in one statement: the row lock makes concurrent confirmations queue behind the
 * first, and each re-checks `used_at is null` on the committed row (READ COMMITTED's
 * re-evaluation), so exactly one gets the user. Parameters: now, hash, now.
 */
export const CONSUME_PASSWORD_RESET_TOKEN = `update "password_reset_tokens" set "used_at" = ?
  where "token_hash" = ? and "used_at" is null and "expires_at" > ?
  returning "user_id" as "userId"`;

/** Retention, a bounded batch at a time (as DELETE_EXPIRED_REFRESH_TOKENS). Parameters: before, limit. */
export const DELETE_EXPIRED_PASSWORD_RESET_TOKENS = `delete from "password_reset_tokens"
  where ctid = any(array(select ctid from "password_reset_tokens" where "expires_at" < ? limit ?))`;
