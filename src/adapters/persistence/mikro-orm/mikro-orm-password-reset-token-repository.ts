import type { QueryResult } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { PasswordResetToken, PasswordResetTokenRepository } from '../../../application/ports/password-reset-token-repository.ts';
import type { UserId } from '../../../domain/user.ts';
import {
  CONSUME_PASSWORD_RESET_TOKEN,
  DELETE_EXPIRED_PASSWORD_RESET_TOKENS,
  PASSWORD_RESET_TOKEN_HOLDER,
  REPLACE_PASSWORD_RESET_TOKEN,
} from './password-reset-token-statements.ts';

/**
 * PasswordResetTokenRepository on one EntityManager fork, in plain SQL with no identity map: each
 * decision (current or not, which token a user holds) is made by the statement that acts on it.
 */
export class MikroOrmPasswordResetTokenRepository implements PasswordResetTokenRepository {
  readonly #em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.#em = em;
  }

  async replace(token: PasswordResetToken): Promise<void> {
    const params = [token.userId, token.tokenHash, token.createdAt, token.expiresAt];
    await this.#em.execute<QueryResult>(REPLACE_PASSWORD_RESET_TOKEN, params, 'run');
  }

  holderOf(tokenHash: string, now: Date): Promise<UserId | null> {
    return this.#userOf(PASSWORD_RESET_TOKEN_HOLDER, [tokenHash, now]);
  }

  consume(tokenHash: string, now: Date): Promise<UserId | null> {
    return this.#userOf(CONSUME_PASSWORD_RESET_TOKEN, [now, tokenHash, now]);
  }

  async deleteExpiredBefore(before: Date, limit: number): Promise<number> {
    return (await this.#em.execute<QueryResult>(DELETE_EXPIRED_PASSWORD_RESET_TOKENS, [before, limit], 'run')).affectedRows;
  }

  async #userOf(sql: string, params: unknown[]): Promise<UserId | null> {
    const row = (await this.#em.execute<{ userId: string }>(sql, params, 'get')) as { userId: string } | undefined;
    return row ? (row.userId as UserId) : null;
  }
}
