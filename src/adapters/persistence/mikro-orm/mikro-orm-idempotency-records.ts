import type { QueryResult } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { ClaimRequest, IdempotencyClaim, IdempotencyRecords, IdempotencyScope, StoredAnswer } from '../../../application/ports/idempotency-records.ts';
import {
  CLAIM_IDEMPOTENCY_KEY,
  COMPLETE_IDEMPOTENCY_KEY,
  DELETE_EXPIRED_IDEMPOTENCY_KEYS,
  FIND_IDEMPOTENCY_KEY,
  RELEASE_IDEMPOTENCY_KEY,
} from './idempotency-key-statements.ts';

type KeyRow = { requestHash: string; status: number | null; headers: string | null; body: string | null };

/** A key released between the claim's insert and its read is claimed again; this many times at most. */
const CLAIM_ATTEMPTS = 3;

/** IdempotencyRecords on one EntityManager fork (transactional or not), in plain SQL. */
export class MikroOrmIdempotencyRecords implements IdempotencyRecords {
  readonly #em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.#em = em;
  }

  async claim(request: ClaimRequest): Promise<IdempotencyClaim> {
    const { scope, requestHash, token, now, leaseUntil, expiresAt } = request;
    for (let attempt = 1; ; attempt++) {
      const params = [scope.caller, scope.key, requestHash, token, now, leaseUntil, expiresAt];
      const claimed = await this.#em.execute<{ token: string }>(CLAIM_IDEMPOTENCY_KEY, params, 'get');
      if (claimed) return { outcome: 'claimed', token };
      const row = (await this.#em.execute<KeyRow>(FIND_IDEMPOTENCY_KEY, [scope.caller, scope.key], 'get')) as KeyRow | undefined;
      if (row) return decided(row, requestHash);
      // Released (its create failed) in between: the key is free again.
      if (attempt >= CLAIM_ATTEMPTS) return { outcome: 'running' };
    }
  }

  async complete(scope: IdempotencyScope, token: string, answer: StoredAnswer): Promise<boolean> {
    const params = [answer.status, JSON.stringify(answer.headers), answer.body, scope.caller, scope.key, token];
    return (await this.#em.execute<QueryResult>(COMPLETE_IDEMPOTENCY_KEY, params, 'run')).affectedRows === 1;
  }

  async release(scope: IdempotencyScope, token: string): Promise<void> {
    await this.#em.execute<QueryResult>(RELEASE_IDEMPOTENCY_KEY, [scope.caller, scope.key, token], 'run');
  }

  async deleteExpiredBefore(before: Date, limit: number): Promise<number> {
    return (await this.#em.execute<QueryResult>(DELETE_EXPIRED_IDEMPOTENCY_KEYS, [before, limit], 'run')).affectedRows;
  }
}

function decided(row: KeyRow, requestHash: string): IdempotencyClaim {
  if (row.requestHash !== requestHash) return { outcome: 'reused' };
  if (row.status === null) return { outcome: 'running' };
  return { outcome: 'replay', answer: { status: row.status, headers: JSON.parse(row.headers ?? '{}') as Record<string, string>, body: row.body ?? '' } };
}
