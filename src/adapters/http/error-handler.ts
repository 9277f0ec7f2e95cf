import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, RateLimitedError, ServiceUnavailableError, type ErrorCode } from '../../domain/errors.ts';
import type { AppEnv } from './env.ts';
import { CLIENT_CLOSED_REQUEST, clientWentAway } from './client-abort.ts';
import { boundedError } from './error-bounds.ts';
import { HttpError } from './http-error.ts';
import { json } from './json-response.ts';
import { PartialValidationError } from './partial-validation-error.ts';

/**
 * The one place where an error's `code` becomes an HTTP status (API.md, the error table). The
 * `satisfies` makes a code added to the catalogue without a status a type error, never a 500.
 */
export const STATUS_BY_CODE = {
  VALIDATION_ERROR: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;

export const INTERNAL_ERROR_MESSAGE = 'An unexpected error occurred';

/** What clients see for Hono's own HTTPExceptions, whose messages are not part of our contract. */
const HTTP_EXCEPTION_MESSAGES: Partial<Record<number, [ErrorCode, string]>> = {
  400: ['BAD_REQUEST', 'Request body is not valid JSON'],
  413: ['PAYLOAD_TOO_LARGE', 'Request body is too large'],
};

export type ErrorBody = { error: { code: ErrorCode; message: string; fields?: Record<string, string> } };

/**
 * Writes the error envelope; `fields` only when a field is at fault. Every error passes
 * boundedError, so none is over 16 KiB; `omitted` counts problems already left out of `fields`.
 */
export function errorResponse(
  c: Context,
  code: ErrorCode,
  message: string,
  fields?: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>> = {},
  omitted = 0,
): Response {
  const error: ErrorBody['error'] = boundedError(code, message, fields, omitted);
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return json(c, { error } satisfies ErrorBody, STATUS_BY_CODE[code]);
}

/**
 * Only errors the service raised on purpose (domain errors and HttpErrors) are shown as they
 * are. Anything else, a driver error included, is a 500 with a fixed message: its text may name
 * tables, hosts or internals, so it goes to the log with its stack, never to the client.
 */
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  // Reading the body failed because the client went away (or a parser saw half a body): no bug.
  if (clientWentAway(c)) return new Response(null, { status: CLIENT_CLOSED_REQUEST });
  if (err instanceof HttpError) return errorResponse(c, err.code, err.message, undefined, err.headers);
  if (err instanceof DomainError) {
    const omitted = err instanceof PartialValidationError ? err.omitted : 0;
    return errorResponse(c, err.code, err.message, err.fields, headersFor(err), omitted);
  }
  const known = err instanceof HTTPException ? HTTP_EXCEPTION_MESSAGES[err.status] : undefined;
  if (known) return errorResponse(c, known[0], known[1]);
  c.get('logger')?.error({ err, method: c.req.method, path: c.req.path }, 'unhandled error');
  return errorResponse(c, 'INTERNAL_ERROR', INTERNAL_ERROR_MESSAGE);
};

/** What a status requires beside the body: a challenge on every 401 (RFC 9110), Retry-After on a 429 (and a 503 that knows it). */
function headersFor(err: DomainError): Record<string, string> {
  if (err.code === 'UNAUTHORIZED') return { 'WWW-Authenticate': 'Bearer realm="api"' };
  if (err instanceof RateLimitedError) return { 'Retry-After': String(err.retryAfterSeconds) };
  if (err instanceof ServiceUnavailableError && err.retryAfterSeconds !== undefined) return { 'Retry-After': String(err.retryAfterSeconds) };
  return {};
}

export const onNotFound: NotFoundHandler<AppEnv> = (c) => errorResponse(c, 'NOT_FOUND', 'Route not found');
