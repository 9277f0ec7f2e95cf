import { Hono } from 'hono';
import { z } from 'zod';
import { docsAssets } from './docs-assets.ts';
import { DOCS_ASSETS_PATH, renderDocsPage } from './docs-page.ts';
import type { AppEnv } from './env.ts';
import { HttpError } from './http-error.ts';
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
  description:
    'Swagger UI over /openapi.json: browse by tag, authorize with a bearer token, send a request and see the answer. ' +
    'Its scripts and styles are served from /docs/assets; it loads nothing from another origin.',
  tag: 'Operations',
  success: { 200: { description: 'An HTML page', mediaType: 'text/html' } },
  errors: [],
} as const satisfies OperationSpec;

export const docsAsset = {
  method: 'get',
  path: `${DOCS_ASSETS_PATH}/:file`,
  operationId: 'docsAsset',
  summary: 'A script or style sheet of the API reference page',
  description: 'Swagger UI from the `swagger-ui-dist` package, and the page\'s own init script and styles. Cached for a year: the page links them with a content version.',
  tag: 'Operations',
  params: z.object({ file: z.string().meta({ example: 'swagger-ui-bundle.js' }) }),
  success: { 200: { description: 'JavaScript or CSS', mediaType: ['text/javascript', 'text/css'], headers: ['Cache-Control'] } },
  errors: [404],
} as const satisfies OperationSpec;

export const home = {
  method: 'get',
  path: '/',
  operationId: 'home',
  summary: 'Points to the API reference',
  description: 'The landing page is the interactive reference: a redirect to `/docs`.',
  tag: 'Operations',
  success: { 302: { description: 'Found: `Location: /docs`', headers: ['Location'] } },
  errors: [],
} as const satisfies OperationSpec;

/** What the page may do: its own scripts and styles (Swagger UI sets inline style attributes), and requests to this service. */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const ASSET_CACHE = 'public, max-age=31536000, immutable';

/** `document` is built lazily, once: it only changes with the code. */
export function docsRoutes(document: () => Record<string, unknown>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const assets = docsAssets();
  app.get(openApiJson.path, (c) => json(c, document()));
  app.get(docsPage.path, async (c) => {
    const versions = new Map([...(await assets())].map(([name, asset]) => [name, asset.version]));
    c.header('Content-Security-Policy', DOCS_CSP);
    c.header('Cache-Control', 'no-cache');
    return c.html(renderDocsPage(openApiJson.path, versions));
  });
  app.get(docsAsset.path, async (c) => {
    const asset = (await assets()).get(c.req.param('file'));
    if (!asset) throw new HttpError('NOT_FOUND', 'Route not found');
    c.header('Content-Type', asset.contentType);
    c.header('Cache-Control', ASSET_CACHE);
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200);
  });
  app.get(home.path, (c) => c.redirect(docsPage.path, 302));
  return app;
}
