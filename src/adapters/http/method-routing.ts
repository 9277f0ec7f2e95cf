import type { Context, Hono, MiddlewareHandler } from 'hono';
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
    app.options(path, (c) => answerOptions(c, allow));
    app.all(path, (c) => refuseMethod(c, allow));
  }
}

/**
 * Register before the routes. Hono runs every route that matches, in the order they were
 * registered, so a literal path that a parametrised one matches too (`/api/users/exports` and
 * `/api/users/:id`) would send its unserved methods to the other path's handlers (`GET
 * /api/users/exports` would be a 404 `User not found`), and its OPTIONS to whichever fallback came
 * first. For those paths only, this answers OPTIONS and the 405 up front, from the same route
 * table, read at the first request, once every route is registered.
 */
export function literalPathsFirst(app: Hono<AppEnv>): MiddlewareHandler<AppEnv> {
  let shadowed: Map<string, { methods: string[]; allow: string }> | undefined;
  return async (c, next) => {
    shadowed ??= shadowedPaths(servedMethods(app));
    const served = shadowed.get(c.req.path);
    if (served && c.req.method === 'OPTIONS') return answerOptions(c, served.allow);
    if (served && !served.methods.includes(c.req.method)) refuseMethod(c, served.allow);
    await next();
  };
}

function answerOptions(c: Context<AppEnv>, allow: string): Response {
  c.header('Allow', allow);
  return c.body(null, 204);
}

function refuseMethod(c: Context<AppEnv>, allow: string): never {
  throw new HttpError('METHOD_NOT_ALLOWED', `Method ${c.req.method} is not allowed here; use ${allow}`, { Allow: allow });
}

/** The literal paths that some parametrised path also matches, with the methods each serves. */
function shadowedPaths(served: Map<string, string[]>): Map<string, { methods: string[]; allow: string }> {
  const patterns = [...served.keys()].filter((path) => path.includes(':'));
  const shadowed = new Map<string, { methods: string[]; allow: string }>();
  for (const [path, methods] of served) {
    if (/[:*]/.test(path) || !patterns.some((pattern) => matches(pattern, path))) continue;
    shadowed.set(path, { methods, allow: methods.join(', ') });
  }
  return shadowed;
}

/** Segment by segment; a `:param` takes any non-empty segment (a custom regex would only narrow it, so this errs towards checking). */
function matches(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const have = path.split('/');
  return want.length === have.length && want.every((segment, i) => segment === have[i] || (segment.startsWith(':') && have[i] !== ''));
}
