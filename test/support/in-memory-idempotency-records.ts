import type { ClaimRequest, IdempotencyClaim, IdempotencyRecords, IdempotencyScope, StoredAnswer } from '../../src/application/ports/idempotency-records.ts';

export type IdempotencyRow = Readonly<{
  requestHash: string;
  token: string;
  leaseUntil: Date;
  expiresAt: Date;
  answer: StoredAnswer | null;
}>;

/** The "idempotency_keys" table: one row per caller and key, as the primary key makes it. */
export class InMemoryIdempotencyRecords implements IdempotencyRecords {
  readonly rows = new Map<string, IdempotencyRow>();

  async claim(request: ClaimRequest): Promise<IdempotencyClaim> {
    const id = rowId(request.scope);
    const row = this.rows.get(id);
    const now = request.now.getTime();
    if (!row || row.expiresAt.getTime() <= now || (row.answer === null && row.leaseUntil.getTime() <= now)) {
      this.rows.set(id, { requestHash: request.requestHash, token: request.token, leaseUntil: request.leaseUntil, expiresAt: request.expiresAt, answer: null });
      return { outcome: 'claimed', token: request.token };
    }
    if (row.requestHash !== request.requestHash) return { outcome: 'reused' };
    if (row.answer === null) return { outcome: 'running' };
    return { outcome: 'replay', answer: row.answer };
  }

  async complete(scope: IdempotencyScope, token: string, answer: StoredAnswer): Promise<boolean> {
    const id = rowId(scope);
    const row = this.rows.get(id);
    if (!row || row.token !== token || row.answer !== null) return false;
    this.rows.set(id, { ...row, answer: { status: answer.status, headers: { ...answer.headers }, body: answer.body } });
    return true;
  }

  async release(scope: IdempotencyScope, token: string): Promise<void> {
    const id = rowId(scope);
    const row = this.rows.get(id);
    if (row && row.token === token && row.answer === null) this.rows.delete(id);
  }

  async deleteExpiredBefore(before: Date, limit: number): Promise<number> {
    let removed = 0;
    for (const [id, row] of this.rows) {
      if (removed >= limit) break;
      if (row.expiresAt.getTime() < before.getTime()) {
        this.rows.delete(id);
        removed++;
      }
    }
    return removed;
  }
}

function rowId(scope: IdempotencyScope): string {
  return JSON.stringify([scope.caller, scope.key]);
}
