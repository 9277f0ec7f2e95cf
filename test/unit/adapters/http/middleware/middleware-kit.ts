import type { MiddlewareHandler } from 'hono';
import { pino, type Logger } from 'pino';
import { Authenticate } from '../../../../../src/application/auth/authenticate.ts';
import type { IssuedAccessToken, Principal, TokenService } from '../../../../../src/application/ports/token-service.ts';
import type { AppEnv } from '../../../../../src/adapters/http/env.ts';
import { UnauthorizedError } from '../../../../../src/domain/errors.ts';
import type { User } from '../../../../../src/domain/user.ts';
import { inMemoryCaches } from '../../../../support/caches.ts';
import { InMemoryUnitOfWork } from '../../../../support/in-memory-unit-of-work.ts';
import type { LogLine } from '../../../../support/http-app.ts';

/**
 * What the middleware tests share: each builds `new Hono<AppEnv>()` with one middleware, a
 * trivial route and the app's own `onError`, and asserts through `app.request()`.
 */

/** A pino logger at debug level whose lines (parsed) land in `lines`. */
export function collectingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}

/** Puts `logger` where requestContext would, for middleware that expects one. */
export function withLogger(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('logger', logger);
    await next();
  };
}

/** What @hono/node-server passes as the env: the request's socket, whose peer is the client. */
export function fromAddress(remoteAddress: string): AppEnv['Bindings'] {
  return { incoming: { socket: { remoteAddress } } };
}

/**
 * Authenticate over a token table instead of signatures (`token-of-<name>` names a principal;
 * anything else is refused as a bad token), and the real AccountAccess over stored users, so a
 * suspended holder is locked out and the holder's current role wins, as in the service.
 */
export function tokenAuth(...users: User[]) {
  const db = new InMemoryUnitOfWork();
  for (const user of users) db.users.rows.set(user.id, user);
  const tokens = new TableTokenService();
  const { access } = inMemoryCaches(db);
  const authenticate = new Authenticate({ tokens, access });
  /** A token naming `user` with `role` (its stored role unless given). */
  const tokenOf = (user: User, role: User['role'] = user.role): string => {
    const token = `token-of-${user.name.toLowerCase().replaceAll(/\W/g, '')}-${role}`;
    tokens.table.set(token, { userId: user.id, email: user.email, role, tokenId: `jti-${token}`, sessionId: `sid-${user.id}`, expiresAt: new Date('2100-01-01') });
    return token;
  };
  return { db, tokens, authenticate, tokenOf };
}

export class TableTokenService implements TokenService {
  readonly table = new Map<string, Principal>();
  verifications = 0;

  issueAccessToken(): Promise<IssuedAccessToken> {
    return Promise.reject(new Error('not used by the middleware'));
  }

  verifyAccessToken(token: string): Promise<Principal> {
    this.verifications++;
    const principal = this.table.get(token);
    return principal ? Promise.resolve(principal) : Promise.reject(new UnauthorizedError('Invalid or expired access token'));
  }
}

/** The error envelope's `error`, for asserting a refusal's code and message. */
export async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}
