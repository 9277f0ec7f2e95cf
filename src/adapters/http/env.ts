import type { Logger } from 'pino';
import type { Principal } from '../../application/ports/token-service.ts';

/**
 * The typed Hono environment of every route. `requestId` and `logger` are set by the first
 * middleware, so handlers and the error handler can always rely on them. `principal` is set by
 * the guards of protected routes (middleware/auth-guards.ts), and only there.
 */
export type AppEnv = {
  /** What @hono/node-server passes (the request's socket, for the client address); absent elsewhere. */
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  Variables: {
    requestId: string;
    /** The app's logger, bound to this request's id: every line it writes can be correlated. */
    logger: Logger;
    principal?: Principal;
    /** The Authorization header's verdict, worked out once per request (auth-guards.ts `authenticated`). */
    authentication?: Promise<Principal>;
    /** The client the edge vouched for with its shared secret (middleware/edge-forwarded.ts). */
    edgeClientAddress?: string;
  };
};
