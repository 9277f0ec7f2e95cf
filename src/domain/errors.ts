/**
 * Domain and application errors. Every class carries a stable string `code` (on the class and
 * on the instance, as jose does) so callers switch on `err.code`, never on `instanceof` chains
 * or messages. The HTTP adapter maps code -> status once, in its error handler.
 */

/** Per-field problems: the key is the field's path (`email`, `address.city`), the value a sentence. */
export type FieldErrors = Readonly<Record<string, string>>;

export abstract class DomainError extends Error {
  static readonly code: string = 'DOMAIN_ERROR';
  abstract readonly code: string;
  readonly fields: FieldErrors | undefined;

  constructor(message: string, fields?: FieldErrors) {
    super(message);
    this.name = new.target.name;
    this.fields = fields;
  }
}

/** Input breaks an invariant (a name too long, an email that is not one). */
export class ValidationError extends DomainError {
  static override readonly code = 'VALIDATION_ERROR';
  readonly code = ValidationError.code;

  constructor(fields: FieldErrors, message = 'Validation failed') {
    super(message, fields);
  }
}

/** The thing asked for does not exist, or must look as if it did not. */
export class NotFoundError extends DomainError {
  static override readonly code = 'NOT_FOUND';
  readonly code = NotFoundError.code;
}

/** The change would break a uniqueness rule (an email already in use). */
export class ConflictError extends DomainError {
  static override readonly code = 'CONFLICT';
  readonly code = ConflictError.code;
}

/** The client's precondition (If-Match) does not hold against the current version. */
export class PreconditionFailedError extends DomainError {
  static override readonly code = 'PRECONDITION_FAILED';
  readonly code = PreconditionFailedError.code;

  constructor(message = 'The resource has changed since it was read') {
    super(message);
  }
}

/** The acting principal is known but not allowed to do this. */
export class ForbiddenError extends DomainError {
  static override readonly code = 'FORBIDDEN';
  readonly code = ForbiddenError.code;
}

/** Missing, malformed, expired or forged credentials. */
export class UnauthorizedError extends DomainError {
  static override readonly code = 'UNAUTHORIZED';
  readonly code = UnauthorizedError.code;
}

/** Too many attempts; `retryAfterSeconds` says when the next one may succeed. */
export class RateLimitedError extends DomainError {
  static override readonly code = 'RATE_LIMITED';
  readonly code = RateLimitedError.code;
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
export class ServiceUnavailableError extends DomainError {
  static override readonly code = 'SERVICE_UNAVAILABLE';
  readonly code = ServiceUnavailableError.code;
  readonly retryAfterSeconds: number | undefined;

  constructor(message: string, retryAfterSeconds?: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
