import type { LiveSession, RefreshToken, RefreshTokenRepository, RefreshTokenUse } from '../../src/application/ports/refresh-token-repository.ts';
import type { UserId } from '../../src/domain/user.ts';

/** A stored token and the two marks PostgreSQL keeps beside it; rows are replaced, never mutated. */
export type RefreshTokenRow = Readonly<{ token: RefreshToken; usedAt: Date | null; revokedAt: Date | null }>;

/**
 * The in-process RefreshTokenRepository. It must decide exactly like the SQL adapter (the contract
 * suite runs against both): current means unused, unrevoked and strictly unexpired; a used token
 * is `reused` whatever else is true of it. It enforces what the table's constraints do (unique id
 * and hash, the user must exist), since PostgreSQL would refuse such a row too.
 */
export class InMemoryRefreshTokenRepository implements RefreshTokenRepository {
  /** By token id, like the primary key. */
  readonly rows = new Map<string, RefreshTokenRow>();
  readonly #userExists: (id: UserId) => boolean;

  /** `userExists` stands in for the foreign key to users. */
  constructor(userExists: (id: UserId) => boolean) {
    this.#userExists = userExists;
  }

  async add(token: RefreshToken): Promise<void> {
    if (this.rows.has(token.id) || this.#byHash(token.tokenHash)) throw new Error('A refresh token with this id or hash already exists');
    if (!this.#userExists(token.userId)) throw new Error('A refresh token must belong to an existing user');
    this.rows.set(token.id, { token, usedAt: null, revokedAt: null });
  }

  async use(tokenHash: string, now: Date): Promise<RefreshTokenUse> {
    const row = this.#byHash(tokenHash);
    if (!row) return { outcome: 'invalid' };
    if (row.usedAt) return { outcome: 'reused', token: row.token };
    if (row.revokedAt || row.token.expiresAt.getTime() <= now.getTime()) return { outcome: 'invalid' };
    this.rows.set(row.token.id, { ...row, usedAt: now });
    return { outcome: 'rotated', token: row.token };
  }

  async sessionOf(tokenHash: string): Promise<Readonly<{ sessionId: string; userId: UserId }> | null> {
    const row = this.#byHash(tokenHash);
    return row ? { sessionId: row.token.sessionId, userId: row.token.userId } : null;
  }

  async revokeSession(sessionId: string, now: Date): Promise<number> {
    let revoked = 0;
    for (const row of this.rows.values()) {
      if (row.token.sessionId !== sessionId || row.revokedAt) continue;
      this.rows.set(row.token.id, { ...row, revokedAt: now });
      revoked++;
    }
    return revoked;
  }

  async revokeUserSessions(userId: UserId, now: Date, exceptSessionId?: string): Promise<string[]> {
    const ended = new Set<string>();
    for (const row of this.rows.values()) {
      const { token } = row;
      if (token.userId !== userId || row.revokedAt || token.sessionId === exceptSessionId) continue;
      this.rows.set(token.id, { ...row, revokedAt: now });
      ended.add(token.sessionId);
    }
    return [...ended];
  }

  async liveSessions(userId: UserId, now: Date): Promise<LiveSession[]> {
    const bySession = new Map<string, RefreshTokenRow[]>();
    for (const row of this.rows.values()) {
      if (row.token.userId === userId) bySession.set(row.token.sessionId, [...(bySession.get(row.token.sessionId) ?? []), row]);
    }
    const live: LiveSession[] = [];
    for (const [sessionId, rows] of bySession) {
      if (rows.some((row) => row.revokedAt)) continue;
      const tokens = rows.map((row) => row.token).sort(byCreationThenId);
      const [first, latest] = [tokens[0] as RefreshToken, tokens[tokens.length - 1] as RefreshToken];
      if (latest.expiresAt.getTime() <= now.getTime()) continue;
      live.push({ sessionId, createdAt: first.createdAt, lastRefreshedAt: latest.createdAt, expiresAt: latest.expiresAt });
    }
    return live.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.sessionId < b.sessionId ? 1 : -1));
  }

  async isSessionRevoked(sessionId: string): Promise<boolean> {
    for (const { token, revokedAt } of this.rows.values()) if (token.sessionId === sessionId && revokedAt) return true;
    return false;
  }

  /** The foreign key's `on delete cascade`: called when a user row goes. */
  removeOfUser(userId: UserId): void {
    for (const [id, row] of this.rows) if (row.token.userId === userId) this.rows.delete(id);
  }

  #byHash(tokenHash: string): RefreshTokenRow | undefined {
    for (const row of this.rows.values()) if (row.token.tokenHash === tokenHash) return row;
    return undefined;
  }

  async deleteExpiredBefore(before: Date, limit: number): Promise<number> {
    const old = [...this.rows.values()].filter(({ token }) => token.expiresAt < before).slice(0, limit);
    for (const { token } of old) this.rows.delete(token.id);
    return old.length;
  }
}

/** Oldest first: by creation, then id, as the SQL adapter orders a session's tokens. */
function byCreationThenId(a: RefreshToken, b: RefreshToken): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
