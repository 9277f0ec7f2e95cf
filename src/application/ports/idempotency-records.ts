/** One caller's use of one Idempotency-Key: the caller is `user:<id>` or `address:<ip>`. */
export type IdempotencyScope = Readonly<{ caller: string; key: string }>;

/** The first answer, as it is replayed: status, the headers that name the result (Location, ETag), the exact body. */
export type StoredAnswer = Readonly<{ status: number; headers: Readonly<Record<string, string>>; body: string }>;

/** What claiming a key found. `token` identifies this claim: only its holder may complete or release it. */
export type IdempotencyClaim =
  | Readonly<{ outcome: 'claimed'; token: string }>
  | Readonly<{ outcome: 'replay'; answer: StoredAnswer }>
  /** The key was used with another request (its hash differs). */
  | Readonly<{ outcome: 'reused' }>
  /** The first request with this key is still running (its lease has not run out). */
  | Readonly<{ outcome: 'running' }>;

export type ClaimRequest = Readonly<{
  scope: IdempotencyScope;
  /** Lower-case hex SHA-256 of the request (method, path, body). */
  requestHash: string;
  /** A fresh id: the claim's token if this call takes the key. */
  token: string;
  now: Date;
  /** Until when a running claim holds the key; past it, a crashed holder's claim may be taken over. */
  leaseUntil: Date;
  /** When the key, and the answer kept for it, may be forgotten. */
  expiresAt: Date;
}>;

/**
 * Idempotency keys and the answers kept for them (API.md, Idempotent creation), bound to the unit
 * of work's transaction like the repositories: `complete` runs in the create's own transaction, so
 * a created row never commits without its answer, nor an answer without its row.
 */
export interface IdempotencyRecords {
  /**
   * Takes the key, or says why not, in one atomic step: of N concurrent claims of one free key,
   * exactly one gets `claimed`. A key whose lease or expiry has passed is free again.
   */
  claim(request: ClaimRequest): Promise<IdempotencyClaim>;
  /** Keeps the answer for the claim; false when the claim is no longer held (taken over after its lease). */
  complete(scope: IdempotencyScope, token: string, answer: StoredAnswer): Promise<boolean>;
  /** Gives up a claim that has no answer (the create failed): the key is free for a corrected retry. */
  release(scope: IdempotencyScope, token: string): Promise<void>;
  /** Retention: removes up to `limit` keys that expired before `before`; how many it removed. */
  deleteExpiredBefore(before: Date, limit: number): Promise<number>;
}
