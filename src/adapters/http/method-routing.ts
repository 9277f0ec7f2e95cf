import type { Hono } from 'hono';
import type { AppEnv } from './env.ts';
import { HttpError } from './http-error.ts';

const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * The methods each registered path serves, read from the app's own route table so it cannot
 * drift from the routes: what is registered, plus HEAD wherever GET is (Hono answers HEAD with
 * the GET handler, minus the body) and OPTIONS everywhere.
 */
export function servedMethods(app: { routes: readonly { method: string; path: string }[] }): Map<string, string[]> {
  const byPath = new Map<string, Set<string>>();
  for (const { method, path } of app.routes) {
    if (method === 'ALL') continue; // middleware and fallbacks, not operations
    const methods = byPath.get(path) ?? new Set<string>(['OPTIONS']);
    methods.add(method);
    if (method === 'GET') methods.add('HEAD');
    byPath.set(path, methods);
  }
  const sorted = new Map<string, string[]>();
  for (const [path, methods] of byPath) sorted.set(path, ORDER.filter((m) => methods.has(m)));
  return sorted;
}

/**
 * Call after every route is registered. For each known path: OPTIONS answers 204 with `Allow`
 * (no CORS yet: preflight handling belongs to a CORS middleware when browsers need it), and any
 * other method the path does not serve is a 405 whose `Allow` lists those it does. Unknown
 * paths stay a 404, which the app's notFound handler answers.
 */
export function answerUnservedMethods(app: Hono<AppEnv>): void {
  for (const [path, methods] of servedMethods(app)) {
    const allow = methods.join(', ');
    app.options(path, (c) => {
      c.header('Allow', allow);
      return c.body(null, 204);
    });
    app.all(path, (c) => {
      throw new HttpError('METHOD_NOT_ALLOWED', `Method ${c.req.method} is not allowed here; use ${allow}`, { Allow: allow });
    });
  }
}
