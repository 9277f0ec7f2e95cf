import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * `c.json` with the contract's exact media type. Passing it at creation matters for speed: a
 * header changed after the response exists makes Hono copy the whole Response (headers and all).
 */
export function json(c: Context, body: unknown, status: ContentfulStatusCode = 200): Response {
  return c.json(body, status, { 'Content-Type': JSON_CONTENT_TYPE });
}
