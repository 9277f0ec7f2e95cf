/**
 * Sign-in routed to Node: on the edge a password hash (scrypt at the OWASP cost, ~64 MiB and a few
 * hundred ms of CPU) would hold the isolate and every request it serves, so the requests that hash
 * or verify a password are answered by a Node instance of the same service (PASSWORD_ORIGIN)
 * instead. Everything else stays at the edge.
 */
import { getPath } from 'hono/utils/url';
import type { ErrorBody } from './error-handler.ts';
import { JSON_CONTENT_TYPE } from './json-response.ts';
import { EDGE_SECRET_HEADER } from './middleware/edge-forwarded.ts';
import { REQUEST_ID_HEADER, SANE_REQUEST_ID } from './middleware/request-context.ts';
import { EVERY_RESPONSE } from './middleware/security-headers.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const PASSWORD_AUTH = new Set(['/api/auth/login', '/api/auth/register', '/api/auth/password-reset/confirm']);

/** Sign-in, sign-up, reset, and every write to users (creation with a password, changes with currentPassword). */
export function hashesPasswords(method: string, path: string): boolean {
  if (SAFE.has(method)) return false;
  if (method === 'POST' && PASSWORD_AUTH.has(path)) return true;
  return path === '/api/users' || path.startsWith('/api/users/');
}

/**
 * Whether the edge sends `request` to PASSWORD_ORIGIN, judged on the path as Hono routes it:
 * percent-decoded (`/api/auth/%6cogin` is the login), which the URL's pathname is not.
 */
export function goesToPasswordOrigin(request: Request): boolean {
  return hashesPasswords(request.method, getPath(request));
}

/** PASSWORD_ORIGIN, and the secret (PASSWORD_ORIGIN_SECRET) that makes it believe the address the edge passes on. */
export type PasswordOrigin = Readonly<{ url: string; secret: string | undefined }>;

/**
 * The same request, sent on to the origin, with the client's address as the one X-Forwarded-For
 * entry and the shared secret vouching for it (whatever the client wrote in either is dropped), for
 * Node's limits: see middleware/edge-forwarded.ts.
 */
export function forwardTo(origin: PasswordOrigin, request: Request, clientAddress: string | undefined): Promise<Response> {
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  headers.delete('x-forwarded-for');
  headers.delete(EDGE_SECRET_HEADER);
  if (clientAddress !== undefined) headers.set('x-forwarded-for', clientAddress);
  if (origin.secret !== undefined) headers.set(EDGE_SECRET_HEADER, origin.secret);
  return fetch(new URL(`${url.pathname}${url.search}`, origin.url), { method: request.method, headers, body: request.body, redirect: 'manual' }).catch(() => originDown(request));
}

/** Seconds a client should wait when PASSWORD_ORIGIN cannot be reached. */
const RETRY_AFTER_SECONDS = '5';

/**
 * The contract's 503 for an unreachable origin, built here: the request never reaches the app,
 * whose error handler would write it, and a rejection would be the runtime's bare 500.
 */
function originDown(request: Request): Response {
  const given = request.headers.get(REQUEST_ID_HEADER);
  const body: ErrorBody = { error: { code: 'SERVICE_UNAVAILABLE', message: 'Password sign-in is unavailable; try again shortly' } };
  return Response.json(body, {
    status: 503,
    headers: {
      ...EVERY_RESPONSE,
      'Content-Type': JSON_CONTENT_TYPE,
      'Retry-After': RETRY_AFTER_SECONDS,
      [REQUEST_ID_HEADER]: given && SANE_REQUEST_ID.test(given) ? given : crypto.randomUUID(),
    },
  });
}
