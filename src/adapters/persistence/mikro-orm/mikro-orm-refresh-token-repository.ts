import type { QueryResult } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { LiveSession, RefreshToken, RefreshTokenRepository, RefreshTokenUse } from '../../../application/ports/refresh-token-repository.ts';
import { isUuid } from '../../../domain/ids.ts';
import type { UserId } from '../../../domain/user.ts';
import {
  DELETE_EXPIRED_REFRESH_TOKENS,
  FIND_REFRESH_TOKEN_BY_HASH,
  FIND_SESSION_BY_HASH,
  INSERT_REFRESH_TOKEN,
  LIVE_USER_SESSIONS,
  REVOKE_SESSION,
  REVOKE_USER_SESSIONS,
  IS_SESSION_REVOKED,
  LOCK_SESSIONS_OF_SESSION,
  LOCK_SESSIONS_OF_TOKEN,
  LOCK_USER_SESSIONS,
  LOCK_USER_SESSIONS_SHARED,
  USE_REFRESH_TOKEN,
} from './refresh-token-statements.ts';

/**
 * A row as `em.execute` returns it. Timestamps arrive as text from PostgreSQL (MikroORM keeps the
 * driver from parsing them) but as Date objects from PGlite, hence `new Date(...)` on the way out,
 * as user-entity.ts does.
 */
type RefreshTokenRow = {
  id: string;
  sessionId: string;
  userId: string;
  tokenHash: string;
  createdAt: Date | string;
  expiresAt: Date | string;
  usedAt?: Date | string | null;
};

/**
 * RefreshTokenRepository on one EntityManager fork (transactional or not), in plain SQL with no
 * identity map: every decision (current or not, which tokens to revoke) is made by the database
 * in the statement that acts on it.
 */
export class MikroOrmRefreshTokenRepository implements RefreshTokenRepository {
  readonly #em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.#em = em;
  }

  /**
   * A clash of 128-bit ids or 256-bit hashes is a programming error, never a user's, so the
   * unique violation is not translated: it leaves the unit of work as a DatabaseError, which keeps
   * the SQLSTATE and constraint name and drops the SQL (and the values inlined in it).
   */
  async add(token: RefreshToken): Promise<void> {
    const params = [token.id, token.sessionId, token.userId, token.tokenHash, token.createdAt, token.expiresAt];
    await this.#em.execute(LOCK_USER_SESSIONS_SHARED, [token.userId], 'get');
    await this.#em.execute<QueryResult>(INSERT_REFRESH_TOKEN, params, 'run');
  }

  async use(tokenHash: string, now: Date): Promise<RefreshTokenUse> {
    await this.#em.execute(LOCK_SESSIONS_OF_TOKEN, [tokenHash], 'get');
    const rotated = await this.#get(USE_REFRESH_TOKEN, [now, tokenHash, now]);
    if (rotated) return { outcome: 'rotated', token: toToken(rotated) };
    // Nothing changed, so the token was not current; a used one is reuse whatever else is true of it.
    const found = await this.#get(FIND_REFRESH_TOKEN_BY_HASH, [tokenHash]);
    if (found?.usedAt != null) return { outcome: 'reused', token: toToken(found) };
    return { outcome: 'invalid' };
  }

  async sessionOf(tokenHash: string): Promise<Readonly<{ sessionId: string; userId: UserId }> | null> {
    type Row = { sessionId: string; userId: string };
    const row = (await this.#em.execute<Row>(FIND_SESSION_BY_HASH, [tokenHash], 'get')) as Row | undefined;
    return row ? { sessionId: row.sessionId, userId: row.userId as UserId } : null;
  }

  async revokeSession(sessionId: string, now: Date): Promise<number> {
    await this.#em.execute(LOCK_SESSIONS_OF_SESSION, [sessionId], 'get');
    return (await this.#em.execute<QueryResult>(REVOKE_SESSION, [now, sessionId], 'run')).affectedRows;
  }

  async revokeUserSessions(userId: UserId, now: Date, exceptSessionId?: string): Promise<string[]> {
    // A keep that is not a uuid names no session of the user: none is kept.
    const keep = exceptSessionId !== undefined && isUuid(exceptSessionId) ? exceptSessionId : null;
    await this.#em.execute(LOCK_USER_SESSIONS, [userId], 'get');
    const rows = await this.#em.execute<{ sessionId: string }[]>(REVOKE_USER_SESSIONS, [now, userId, keep], 'all');
    return rows.map((row) => row.sessionId);
  }

  async liveSessions(userId: UserId, now: Date): Promise<LiveSession[]> {
    type Row = { sessionId: string; createdAt: Date | string; lastRefreshedAt: Date | string; expiresAt: Date | string };
    const rows = await this.#em.execute<Row[]>(LIVE_USER_SESSIONS, [userId, now], 'all');
    return rows.map((row) => ({
      sessionId: row.sessionId,
      createdAt: new Date(row.createdAt),
      lastRefreshedAt: new Date(row.lastRefreshedAt),
      expiresAt: new Date(row.expiresAt),
    }));
  }

  async isSessionRevoked(sessionId: string): Promise<boolean> {
    // The column is a uuid: anything else names no session (and would be a cast error).
    if (!isUuid(sessionId)) return false;
    const row = (await this.#em.execute<{ revoked: boolean }>(IS_SESSION_REVOKED, [sessionId], 'get')) as { revoked: boolean };
    return row.revoked;
  }

  async deleteExpiredBefore(before: Date, limit: number): Promise<number> {
    return (await this.#em.execute<QueryResult>(DELETE_EXPIRED_REFRESH_TOKENS, [before, limit], 'run')).affectedRows;
  }

  async #get(sql: string, params: unknown[]): Promise<RefreshTokenRow | undefined> {
    return (await this.#em.execute<RefreshTokenRow>(sql, params, 'get')) as RefreshTokenRow | undefined;
  }
}

function toToken(row: RefreshTokenRow): RefreshToken {
  return {
    id: row.id,
    sessionId: row.sessionId,
    userId: row.userId as UserId,
    tokenHash: row.tokenHash,
    createdAt: new Date(row.createdAt),
    expiresAt: new Date(row.expiresAt),
  };
}
