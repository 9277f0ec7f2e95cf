import { appendFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { OpenApiResponses } from './openapi-responses.ts';

/** Compiled once per test file from the first app's own /openapi.json (the document is the same for every app). */
let checker: Promise<OpenApiResponses> | undefined;

/** Set to a file name to have every checked exchange appended to it (`METHOD /template STATUS`), to count what the e2e run covers. */
const LOG = process.env.OPENAPI_CHECK_LOG;

/** What a response's body or headers do not match, for the message a failing test shows. */
export class ResponseDriftError extends Error {
  override name = 'ResponseDriftError';
}

/**
 * `app`, whose `request()` checks every response against the app's own OpenAPI document before
 * handing it on (test/support/openapi-responses.ts): an undocumented status, a missing required
 * header or a body that does not fit its schema throws, naming the request and what is wrong.
 */
export function checkedAgainstDocument(app: Hono): Hono {
  const request = app.request;
  const responses = () => (checker ??= Promise.resolve(request('/openapi.json')).then(async (res) => new OpenApiResponses(await res.json())));
  app.request = (async (input: RequestInfo | URL, init?: RequestInit, ...rest: unknown[]) => {
    const response = await request(input, init, ...(rest as []));
    const { method, path } = exchangeOf(input, init);
    const documented = await responses();
    if (LOG) appendFileSync(LOG, `${method} ${documented.templateOf(path) ?? '(no path)'} ${response.status}\n`);
    const violations = await documented.violations(method, path, response);
    if (violations.length > 0) {
      throw new ResponseDriftError(`${method} ${path} -> ${response.status} does not match /openapi.json:\n- ${violations.join('\n- ')}`);
    }
    return response;
  }) as Hono['request'];
  return app;
}

/** The method and path `app.request()` serves for these arguments (it takes a Request, a URL or a path). */
function exchangeOf(input: RequestInfo | URL, init: RequestInit | undefined): { method: string; path: string } {
  if (input instanceof Request) return { method: input.method, path: new URL(input.url).pathname };
  return { method: (init?.method ?? 'GET').toUpperCase(), path: new URL(input, 'http://localhost').pathname };
}
