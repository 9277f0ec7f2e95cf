/**
 * Which work goes first when hashing is busy: `high` for someone waiting to sign in, `low` for
 * new passwords (sign-up, create, change, reset), which can wait or be refused first.
 */
export type HashingPriority = 'high' | 'low';

export type HashingOptions = Readonly<{ priority?: HashingPriority }>;

/**
 * One-way password hashing; `verify` must compare in constant time. Hashing is bounded work:
 * beyond its capacity either rejects with ServiceUnavailableError (its `retryAfterSeconds` set).
 */
export interface PasswordHasher {
  /** Low priority unless told otherwise. */
  hash(password: string, options?: HashingOptions): Promise<string>;
  /** High priority unless told otherwise: a sign-in goes ahead of new passwords. */
  verify(password: string, hash: string, options?: HashingOptions): Promise<boolean>;
}
