import { z } from 'zod';
import { STATUS_BY_CODE } from '../error-handler.ts';
import type { ErrorStatus } from './operation-spec.ts';

export const errorEnvelope = z.object({
  error: z.object({
    code: z.enum(Object.keys(STATUS_BY_CODE) as [keyof typeof STATUS_BY_CODE]).meta({ description: 'Stable; switch on it' }),
    message: z.string().meta({ description: 'For humans; may change' }),
    fields: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: 'Only when fields are at fault: the path of each (`email`, `address.city`, `limit`) and a sentence' }),
  }),
});

type HeaderRef = 'Allow' | 'Retry-After' | 'WWW-Authenticate' | 'RateLimit-Policy' | 'RateLimit';

/** On every /api response, errors included (middleware/rate-limit.ts). */
export const RATE_LIMIT_HEADERS = ['RateLimit-Policy', 'RateLimit'] as const;

/** The shared error responses, one per status, referenced by operations as `components/responses`. */
const ERROR_RESPONSE_LIST: Record<ErrorStatus | 405, { name: string; description: string; headers?: HeaderRef[] }> = {
  400: {
    name: 'BadRequest',
    description:
      '`VALIDATION_ERROR`: the body, query or path fails validation; unknown body properties and unknown query parameters are rejected; `fields` names each. `BAD_REQUEST`: the body is not parseable JSON.',
  },
  401: {
    name: 'Unauthorized',
    description: '`UNAUTHORIZED`: credentials missing, malformed, expired, forged or revoked, or the holder suspended or deleted. `WWW-Authenticate: Bearer` says so.',
    headers: ['WWW-Authenticate'],
  },
  403: { name: 'Forbidden', description: '`FORBIDDEN`: signed in but not allowed: `Missing permission: users:delete`, or `Not allowed to ...` for ownership rules.' },
  404: {
    name: 'NotFound',
    description:
      '`NOT_FOUND`: `User not found`, `Post not found` or `Job not found` (also for ids that are not well-formed, for drafts you may not see, and for jobs that are not yours); `Route not found` for unknown paths.',
  },
  405: { name: 'MethodNotAllowed', description: '`METHOD_NOT_ALLOWED`: a known path with a method it does not serve; `Allow` lists those it does.', headers: ['Allow'] },
  409: {
    name: 'Conflict',
    description: '`CONFLICT`: a unique constraint (`fields.email` when the email is in use), a change that lost a race repeatedly, the result of a job that has not succeeded (yet), or a repeat of an `Idempotency-Key` whose first request is still running.',
  },
  412: { name: 'PreconditionFailed', description: '`PRECONDITION_FAILED`: `If-Match` does not match the current `ETag`.' },
  413: { name: 'PayloadTooLarge', description: '`PAYLOAD_TOO_LARGE`: the body is over the limit (1 MiB by default), with or without a Content-Length.' },
  415: { name: 'UnsupportedMediaType', description: '`UNSUPPORTED_MEDIA_TYPE`: the body is not declared JSON (`application/json` or `application/*+json`).' },
  422: {
    name: 'IdempotencyKeyReused',
    description: '`IDEMPOTENCY_KEY_REUSED`: this `Idempotency-Key` was already used, by the same caller within 24 hours, with another request body.',
  },
  429: { name: 'RateLimited', description: '`RATE_LIMITED`: over the limit; retry after `Retry-After` seconds.', headers: ['Retry-After'] },
  500: { name: 'InternalError', description: '`INTERNAL_ERROR`, message exactly `An unexpected error occurred`; details are logged, never sent.' },
  503: {
    name: 'ServiceUnavailable',
    description:
      '`SERVICE_UNAVAILABLE`: a required dependency is down (named in the message), the instance is shutting down, or password hashing is at capacity (then with `Retry-After`).',
    headers: ['Retry-After'],
  },
};

/** The shared error responses of /api paths: they also carry the rate-limit fields, sent on every /api response. */
export const ERROR_RESPONSES = Object.fromEntries(
  Object.entries(ERROR_RESPONSE_LIST).map(([status, response]) => [status, { ...response, headers: [...(response.headers ?? []), ...RATE_LIMIT_HEADERS] }]),
) as unknown as typeof ERROR_RESPONSE_LIST;

/** The same responses for paths outside /api (probes, metrics, the document, the docs), which no rate limit covers: `NotFoundOutsideApi`. */
export const ERROR_RESPONSES_OUTSIDE_API = Object.fromEntries(
  Object.entries(ERROR_RESPONSE_LIST).map(([status, response]) => [
    status,
    { ...response, name: `${response.name}OutsideApi`, description: `${response.description} Outside /api: no rate-limit fields.` },
  ]),
) as unknown as typeof ERROR_RESPONSE_LIST;

/** Header objects shared by responses (`components/headers`). */
export const HEADERS: Record<string, { description: string; required?: boolean; schema: Record<string, unknown> }> = {
  'X-Request-Id': { description: "The request's id: the client's own when sane (`^[A-Za-z0-9._:-]{1,128}$`), else a new UUID. On every response.", required: true, schema: { type: 'string' } },
  ETag: {
    description: 'Strong entity tag of the version, e.g. `"v3"`; send it back as `If-Match`. A public profile has a weak tag of its content (`W/"p-..."`), which no `If-Match` matches. Referenced only by responses that always carry it.',
    required: true,
    schema: { type: 'string', examples: ['"v3"'] },
  },
  Location: { description: 'The new resource: `/api/users/{id}` or `/api/posts/{id}`; for a started job, where to follow it: `/api/jobs/{id}`. Referenced only by responses that always carry it (201, 202, 302).', required: true, schema: { type: 'string' } },
  'Content-Disposition': { description: 'A download: `attachment` with a file name.', schema: { type: 'string', examples: ['attachment; filename="users-export-0190a5d2-5c1e-7c3b-9a4e-2f8d6b1c0e7a.csv"'] } },
  'Idempotent-Replayed': {
    description: '`true` when the response is the kept answer to an earlier request with the same `Idempotency-Key` and body: nothing was created this time.',
    schema: { type: 'string', enum: ['true'] },
  },
  Allow: { description: 'The methods the path serves.', schema: { type: 'string', examples: ['GET, HEAD, POST, OPTIONS'] } },
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 } },
  'RateLimit-Policy': {
    description: 'The general limit (draft-ietf-httpapi-ratelimit-headers): `q` requests per `w` seconds per client. On every /api response.',
    required: true,
    schema: { type: 'string', examples: ['"default";q=100;w=60'] },
  },
  RateLimit: {
    description: 'Where the client stands: `r` requests left, `t` seconds until the window resets. On every /api response.',
    required: true,
    schema: { type: 'string', examples: ['"default";r=42;t=17'] },
  },
  'Cache-Control': { description: '`no-store` on probes and tokens, which no cache may keep; `public, max-age=300` on the JWK Set.', schema: { type: 'string' } },
  'WWW-Authenticate': {
    description: 'RFC 6750 challenge: `Bearer realm="api"`, with `error="invalid_token"` when a token was sent and refused.',
    schema: { type: 'string', examples: ['Bearer realm="api", error="invalid_token"'] },
  },
};
