import type { Context } from 'hono';
import type { AppEnv } from './env.ts';
import { entityTags } from './etag.ts';
import { json } from './json-response.ts';

/**
 * A GET of one resource: its ETag, then either 304 Not Modified (no body) when the client's
 * If-None-Match names that tag, or the representation. If-None-Match compares weakly (RFC 9110,
 * 13.1.2), so `W/"v3"` and `"v3"` both match; `*` matches any current representation. A header
 * that is not a list of entity tags matches nothing: the client gets the full answer.
 */
export function conditionalRead<E extends AppEnv>(c: Context<E>, etag: string, representation: unknown): Response {
  c.header('ETag', etag);
  if (noneMatchHits(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
  return json(c, representation);
}

function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const current = opaqueOf(etag);
  return (entityTags(header) ?? []).some((tag) => tag.opaque === current);
}

/** `W/"p-ab"` -> `p-ab`: the part the weak comparison looks at. */
function opaqueOf(etag: string): string {
  return etag.replace(/^W\//, '').slice(1, -1);
}
