import { Hono } from 'hono';
import { z } from 'zod';
import { renderDocsPage } from './docs-page.ts';
import type { AppEnv } from './env.ts';
import type { OperationSpec } from './openapi/operation-spec.ts';
import { json } from './json-response.ts';

export const openApiJson = {
  method: 'get',
  path: '/openapi.json',
  operationId: 'openApiDocument',
  summary: 'This OpenAPI 3.1 document',
  description: 'Generated from the same zod schemas that validate requests.',
  tag: 'Operations',
  success: { 200: { description: 'The document', schema: z.looseObject({ openapi: z.literal('3.1.0') }) } },
  errors: [],
} as const satisfies OperationSpec;

export const docsPage = {
  method: 'get',
  path: '/docs',
  operationId: 'docsPage',
  summary: 'API reference page',
  description: 'HTML rendered in the browser from /openapi.json by a small inline script; it loads nothing else.',
  tag: 'Operations',
  success: { 200: { description: 'An HTML page', mediaType: 'text/html' } },
  errors: [],
} as const satisfies OperationSpec;

/** `document` is built lazily, once: it only changes with the code. */
export function docsRoutes(document: () => Record<string, unknown>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(openApiJson.path, (c) => json(c, document()));
  app.get(docsPage.path, (c) => {
    // A fresh nonce per response lets the inline script and style run under a strict CSP.
    const nonce = crypto.randomUUID().replaceAll('-', '');
    c.header(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; frame-ancestors 'none'`,
    );
    return c.html(renderDocsPage(openApiJson.path, nonce));
  });
  return app;
}
