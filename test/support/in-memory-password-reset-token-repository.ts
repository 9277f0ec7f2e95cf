import type { PasswordResetToken, PasswordResetTokenRepository } from '../../src/application/ports/password-reset-token-repository.ts';
import type { UserId } from '../../src/domain/user.ts';

/** A stored token and its use mark; rows are replaced, never mutated. */
export type PasswordResetTokenRow = Readonly<{ token: PasswordResetToken; usedAt: Date | null }>;

/**
 * The in-process PasswordResetTokenRepository, deciding exactly as the SQL adapter does (the
 * contract suite runs against both): one row per user, current means unused and strictly
 * unexpired; it keeps the table's constraints (unique hash, the user must exist).
 */
export class InMemoryPasswordResetTokenRepository implements PasswordResetTokenRepository {
  /** By user id, like the primary key. */
  readonly rows = new Map<UserId, PasswordResetTokenRow>();
  readonly #userExists: (id: UserId) => boolean;

  /** `userExists` stands in for the foreign key to users. */
  constructor(userExists: (id: UserId) => boolean) {
    this.#userExists = userExists;
  }

  async replace(token: PasswordResetToken): Promise<void> {
    const clash = this.#byHash(token.tokenHash);
    if (clash && clash.token.userId !== token.userId) throw new Error('A password-reset token with this hash already exists');
    if (!this.#userExists(token.userId)) throw new Error('A password-reset token must belong to an existing user');
    this.rows.set(token.userId, { token, usedAt: null });
  }

  async holderOf(tokenHash: string, now: Date): Promise<UserId | null> {
    const row = this.#current(tokenHash, now);
    return row ? row.token.userId : null;
  }

  async consume(tokenHash: string, now: Date): Promise<UserId | null> {
    const row = this.#current(tokenHash, now);
    if (!row) return null;
    this.rows.set(row.token.userId, { ...row, usedAt: now });
    return row.token.userId;
  }

  async deleteExpiredBefore(before: Date, limit: number): Promise<number> {
    const old = [...this.rows.values()].filter(({ token }) => token.expiresAt < before).slice(0, limit);
    for (const { token } of old) this.rows.delete(token.userId);
    return old.length;
  }

  /** The foreign key's `on delete cascade`: called when a user row goes. */
  removeOfUser(userId: UserId): void {
    this.rows.delete(userId);
  }

  #current(tokenHash: string, now: Date): PasswordResetTokenRow | undefined {
    const row = this.#byHash(tokenHash);
    return row && row.usedAt === null && row.token.expiresAt.getTime() > now.getTime() ? row : undefined;
  }

  #byHash(tokenHash: string): PasswordResetTokenRow | undefined {
    for (const row of this.rows.values()) if (row.token.tokenHash === tokenHash) return row;
    return undefined;
  }
}
