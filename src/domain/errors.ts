/**
 * The one error catalogue. Every error the service raises on purpose carries a stable `code` from
 * the closed ErrorCode union (on the class and on the instance, as jose's errors do), so callers
 * switch on `err.code`. The HTTP adapter maps code -> status once (error-handler.ts, checked
 * against this union by tsc); protocol-level failures (a body that is not JSON) are its HttpError.
 */

/** The contract's codes (API.md, the error table). */
export type ErrorCode =
  | 'VALIDATION_ERROR'
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'RATE_LIMITED'
  | 'INTERNAL_ERROR'
  | 'SERVICE_UNAVAILABLE';

/** Per-field problems: the key is the field's path (`email`, `address.city`), the value a sentence. */
export type FieldErrors = Readonly<Record<string, string>>;

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;

  constructor(message: string, fields?: FieldErrors) {
    super(message);
    this.name = new.target.name;
    this.fields = fields;
  }
}

/** The base of one family of errors: its code, on the class and on every instance, written once. */
function coded<const C extends ErrorCode>(code: C) {
  abstract class Coded extends DomainError {
    static readonly code: C = code;
    readonly code: C = code;
  }
  return Coded;
}

/** Input breaks an invariant (a name too long, an email that is not one). */
export class ValidationError extends coded('VALIDATION_ERROR') {
  constructor(fields: FieldErrors, message = 'Validation failed') {
    super(message, fields);
  }
}

/** The thing asked for does not exist, or must look as if it did not. */
export class NotFoundError extends coded('NOT_FOUND') {}

/** The change would break a uniqueness rule (an email already in use). */
export class ConflictError extends coded('CONFLICT') {}

/** The acting principal is known but not allowed to do this. */
export class ForbiddenError extends coded('FORBIDDEN') {}

/** Missing, malformed, expired or forged credentials. */
export class UnauthorizedError extends coded('UNAUTHORIZED') {}

/** The client's precondition (If-Match) does not hold against the current version. */
export class PreconditionFailedError extends coded('PRECONDITION_FAILED') {
  constructor(message = 'The resource has changed since it was read') {
    super(message);
  }
}

/** An Idempotency-Key already used (by this caller, within 24 hours) with another request. */
export class IdempotencyKeyReusedError extends coded('IDEMPOTENCY_KEY_REUSED') {
  constructor() {
    super('This Idempotency-Key was already used with another request body');
  }
}

/** Too many attempts; `retryAfterSeconds` says when the next one may succeed. */
export class RateLimitedError extends coded('RATE_LIMITED') {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, message = 'Too many requests; try again later') {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * A dependency the operation needs is down (the job queue's broker), or a bounded resource is at
 * capacity (password hashing); the service recovers by itself. `retryAfterSeconds` when known.
 */
export class ServiceUnavailableError extends coded('SERVICE_UNAVAILABLE') {
  readonly retryAfterSeconds: number | undefined;

  constructor(message: string, retryAfterSeconds?: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

// The specific errors: each says what was not found or taken, in the contract's words.

export class UserNotFoundError extends NotFoundError {
  constructor() {
    super('User not found');
  }
}

export class PostNotFoundError extends NotFoundError {
  constructor() {
    super('Post not found');
  }
}

/** Also what someone who may not see a job is told: it must look as if it did not exist. */
export class JobNotFoundError extends NotFoundError {
  constructor() {
    super('Job not found');
  }
}

/** Another user's session, an unknown or malformed id, or one already ended: all look the same. */
export class SessionNotFoundError extends NotFoundError {
  constructor() {
    super('Session not found');
  }
}

/** A repeat of an Idempotency-Key whose first request is still running. */
export class IdempotentRequestInProgressError extends ConflictError {
  constructor() {
    super('A request with this Idempotency-Key is still being processed; retry later');
  }
}

export class EmailInUseError extends ConflictError {
  constructor() {
    super('Email is already in use', { email: 'Email is already in use' });
  }
}
