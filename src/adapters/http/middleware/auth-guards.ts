import type { Context, MiddlewareHandler } from 'hono';
import { hasPermission } from '../../../application/shared/actor.ts';
import type { Principal } from '../../../application/ports/token-service.ts';
import type { Authenticate } from '../../../application/auth/authenticate.ts';
import { DomainError, ForbiddenError } from '../../../domain/errors.ts';
import type { Permission } from '../../../domain/permissions.ts';
import { parseUserId } from '../../../domain/user.ts';
import type { AppEnv } from '../env.ts';
import { HttpError } from '../http-error.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';

/** RFC 6750's challenge; `error="invalid_token"` only when a token was sent and refused. */
export const BEARER_CHALLENGE = 'Bearer realm="api"';
const invalidTokenChallenge = (description: string) =>
  `${BEARER_CHALLENGE}, error="invalid_token", error_description="${description.replaceAll('"', "'")}"`;

// RFC 6750's b64token after "Bearer" and one or more spaces; the scheme is case-insensitive.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** The token of an `Authorization: Bearer <token>` header; undefined for anything else. */
export function bearerToken(header: string | undefined): string | undefined {
  return header === undefined ? undefined : BEARER.exec(header.trim())?.[1];
}

/**
 * The principal from the Authorization header only: a token in the query string or a cookie is
 * never read (it would leak into logs, history and Referer headers).
 */
async function authenticateHeader(header: string | undefined, authenticate: Authenticate): Promise<Principal> {
  if (header === undefined) {
    throw new HttpError('UNAUTHORIZED', 'Authentication required: send Authorization: Bearer <access token>', {
      'WWW-Authenticate': BEARER_CHALLENGE,
    });
  }
  const token = bearerToken(header);
  if (!token) throw new HttpError('UNAUTHORIZED', 'Authorization must be a Bearer token', { 'WWW-Authenticate': invalidTokenChallenge('not a Bearer token') });
  try {
    return await authenticate.execute(token);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'UNAUTHORIZED') throw error;
    throw new HttpError('UNAUTHORIZED', error.message, { 'WWW-Authenticate': invalidTokenChallenge(error.message) });
  }
}

/**
 * The request's principal from its Authorization header, worked out once per request: the general
 * rate limit (which keys signed-in clients by user) and the route's guard share the answer.
 * Rejects with the 401 HttpError the guard answers.
 */
export function authenticated(c: Context<AppEnv>, authenticate: Authenticate): Promise<Principal> {
  let authentication = c.get('authentication');
  if (!authentication) {
    authentication = authenticateHeader(c.req.header('Authorization'), authenticate);
    authentication.catch(() => undefined); // a caller that does not await it must not leave it unhandled
    c.set('authentication', authentication);
  }
  return authentication;
}

/**
 * The guard an operation declares (OperationSpec `permission`, `orSelf`, `signedIn`), run before
 * anything reads the body: 401 without valid credentials, then 403 without the permission; it
 * sets `principal`. It is the first line only: the use cases decide again from the principal
 * they receive, so the rules hold for every inbound adapter, and rules finer than a permission
 * (a member may PUT itself but not change its role) are theirs alone.
 */
export function guardFor(spec: OperationSpec, authenticate: Authenticate): MiddlewareHandler<AppEnv> {
  if (!isProtected(spec)) throw new Error(`${spec.operationId} is public: it needs no guard`);
  const { permission, orSelf } = spec;
  return async (c, next) => {
    const principal = await authenticated(c, authenticate);
    if (permission && !hasPermission(principal, permission)) {
      const self = orSelf && parseUserId(c.req.param('id') ?? '') === principal.userId;
      if (!self) throw new ForbiddenError(orSelf ? 'Not allowed to change another user' : `Missing permission: ${permission}`);
    }
    c.set('principal', principal);
    await next();
  };
}

/** The principal a guarded route's handler acts for; a handler without its guard is a bug. */
export function actingPrincipal<E extends AppEnv>(c: Context<E>): Principal {
  const principal = c.get('principal');
  if (!principal) throw new Error(`${c.req.method} ${c.req.routePath} ran without its guard`);
  return principal;
}

export function isProtected(spec: OperationSpec): boolean {
  return spec.permission !== undefined || spec.signedIn === true;
}

export type { Permission };
