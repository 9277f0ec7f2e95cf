import type { Context } from 'hono';

/**
 * nginx's 499 "client closed request": the status a request is logged and counted under when
 * the client went away before its answer (it stopped sending mid-body). Nobody receives the
 * response; the status keeps such requests out of the 5xx counts and alerts.
 */
export const CLIENT_CLOSED_REQUEST = 499;

/**
 * Whether the client has gone: the request's signal aborts when its connection closes before
 * the response was written (@hono/node-server does so; so do Deno and workerd).
 */
export function clientWentAway(c: Context): boolean {
  return c.req.raw.signal?.aborted === true;
}
