import { IdempotencyKeyReusedError, IdempotentRequestInProgressError } from '../../domain/errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdempotencyScope, StoredAnswer } from '../ports/idempotency-records.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.ts';

/** How long an answer is kept (API.md: 24 hours), and how long a running first request holds its key. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
export const IDEMPOTENCY_LEASE_MS = 60 * 1000;

/**
 * Handed to a create use case, which calls it inside its own transaction with what it created:
 * the answer is then kept in that same transaction, so no crash leaves one without the other.
 */
export type RecordAnswer<T> = (repos: Repositories, created: T) => Promise<void>;

export type IdempotentRequest = Readonly<{ scope: IdempotencyScope; requestHash: string }>;

export type IdempotentOutcome<T> = Readonly<{ replayed: false; created: T }> | Readonly<{ replayed: true; answer: StoredAnswer }>;

/**
 * Idempotency-Key for creates (draft-ietf-httpapi-idempotency-key-header), in two steps:
 *  1. claim the key in its own short statement: the first request takes it; a repeat gets the kept
 *     answer (same request hash), IDEMPOTENCY_KEY_REUSED (another hash) or CONFLICT (still running);
 *  2. run the create, which records the answer (`answer`, a pure function of what it created) in its
 *     own transaction. Only successful creates are kept: when the create fails its transaction has
 *     rolled back, nothing was created, and the claim is released, so a corrected retry with the
 *     same key goes through (the draft leaves keeping error answers to the server). A claim whose
 *     process died is taken over once its lease runs out; the late holder's recording then fails and
 *     its create rolls back, so a key still creates at most once.
 */
export class IdempotentCreation {
  readonly #deps: Readonly<{ uow: UnitOfWork; clock: Clock; ids: IdGenerator }>;

  constructor(deps: Readonly<{ uow: UnitOfWork; clock: Clock; ids: IdGenerator }>) {
    this.#deps = deps;
  }

  async run<T>(request: IdempotentRequest, answer: (created: T) => StoredAnswer, create: (record: RecordAnswer<T>) => Promise<T>): Promise<IdempotentOutcome<T>> {
    const { uow, clock, ids } = this.#deps;
    const { scope, requestHash } = request;
    const now = clock.now();
    const claim = await uow.read((repos) =>
      repos.idempotency.claim({
        scope,
        requestHash,
        token: ids.next(),
        now,
        leaseUntil: new Date(now.getTime() + IDEMPOTENCY_LEASE_MS),
        expiresAt: new Date(now.getTime() + IDEMPOTENCY_RETENTION_MS),
      }),
    );
    if (claim.outcome === 'replay') return { replayed: true, answer: claim.answer };
    if (claim.outcome === 'reused') throw new IdempotencyKeyReusedError();
    if (claim.outcome === 'running') throw new IdempotentRequestInProgressError();
    const { token } = claim;
    try {
      const created = await create(async (repos, result) => {
        if (!(await repos.idempotency.complete(scope, token, answer(result)))) throw new IdempotentRequestInProgressError();
      });
      return { replayed: false, created };
    } catch (error) {
      // Only a claim without an answer goes: an error after the commit (a cache call) keeps it.
      await uow.read((repos) => repos.idempotency.release(scope, token)).catch(() => undefined);
      throw error;
    }
  }
}
