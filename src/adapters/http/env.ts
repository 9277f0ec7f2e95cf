import type { Logger } from 'pino';

/**
 * The typed Hono environment of every route. `requestId` and `logger` are set by the first
 * middleware, so handlers and the error handler can always rely on them. When authentication
 * arrives, its `principal` variable belongs here too (see middleware/require-permission.ts).
 */
export type AppEnv = {
  Variables: {
    requestId: string;
    /** The app's logger, bound to this request's id: every line it writes can be correlated. */
    logger: Logger;
  };
};
