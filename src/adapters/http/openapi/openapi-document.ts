import type { z } from 'zod';
import { ERROR_RESPONSES, ERROR_RESPONSES_OUTSIDE_API, HEADERS, RATE_LIMIT_HEADERS, errorEnvelope } from './common-responses.ts';
import { componentSchema, toJsonSchema, type JsonSchema } from './json-schema.ts';
import type { OperationSpec, SuccessResponse } from './operation-spec.ts';
import { isProtected } from '../middleware/auth-guards.ts';

export type DocumentInput = {
  info: { title: string; version: string; description: string };
  operations: readonly OperationSpec[];
  /** Schemas to publish under `components/schemas`, by name. */
  schemas: Readonly<Record<string, z.ZodType>>;
};

type Json = Record<string, unknown>;

const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
const headerRefs = (names: readonly string[]) =>
  Object.fromEntries(['X-Request-Id', ...names].map((name) => [name, { $ref: `#/components/headers/${name}` }]));

/** One OpenAPI parameter per property of a zod object (path or query). */
function parameters(schema: z.ZodObject | undefined, where: 'path' | 'query', names: ReadonlyMap<z.ZodType, string>): Json[] {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const fieldSchema = field as z.ZodType;
    const converted = toJsonSchema(fieldSchema, names, 'output');
    const { description, ...rest } = converted as JsonSchema & { description?: string };
    const required = where === 'path' || !fieldSchema.safeParse(undefined).success;
    // The schema's first example, also as the parameter's own (what docs and tools prefill).
    const example = Array.isArray(rest.examples) ? (rest.examples as unknown[])[0] : undefined;
    return { name, in: where, required, ...(description ? { description } : {}), schema: rest, ...(example === undefined ? {} : { example }) };
  });
}

function success(response: SuccessResponse, names: ReadonlyMap<z.ZodType, string>, api: boolean): Json {
  const out: Json = { description: response.description, headers: headerRefs([...(response.headers ?? []), ...(api ? RATE_LIMIT_HEADERS : [])]) };
  if (response.schema) out.content = { 'application/json': { schema: toJsonSchema(response.schema, names, 'input') } };
  else if (response.mediaType) out.content = Object.fromEntries([response.mediaType].flat().map((type) => [type, { schema: { type: 'string' } }]));
  return out;
}

function operation(spec: OperationSpec, names: ReadonlyMap<z.ZodType, string>): Json {
  const op: Json = {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    parameters: [
      ...parameters(spec.params, 'path', names),
      ...parameters(spec.query, 'query', names),
      ...(spec.ifMatch ? [{ $ref: '#/components/parameters/IfMatch' }] : []),
      ...(spec.ifNoneMatch ? [{ $ref: '#/components/parameters/IfNoneMatch' }] : []),
      ...(spec.idempotent ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
      { $ref: '#/components/parameters/RequestId' },
    ],
  };
  if (spec.body) {
    op.requestBody = { required: true, content: { 'application/json': { schema: toJsonSchema(spec.body, names, 'input') } } };
  }
  const responses: Json = {};
  const api = spec.path.startsWith('/api/');
  for (const [status, response] of Object.entries(spec.success)) {
    responses[status] = success(spec.idempotent ? { ...response, headers: [...(response.headers ?? []), 'Idempotent-Replayed'] } : response, names, api);
  }
  if (spec.ifNoneMatch) responses['304'] = success({ description: 'Not Modified: `If-None-Match` named the current `ETag`. No body.', headers: ['ETag'] }, names, api);
  // Anything can fail unexpectedly: every operation documents the 500; a guarded one, 401, and 403
  // when it needs a permission (being signed in is all `me` asks).
  const guarded = !isProtected(spec) ? [] : spec.permission ? ([401, 403] as const) : ([401] as const);
  // Every /api request passes the general rate limit first, and reads or writes the database, if
  // only to authenticate: a lost database (or job queue) is a 503 on any of them.
  const limited = api ? ([429, 503] as const) : [];
  const idempotent = spec.idempotent ? ([409, 422] as const) : [];
  for (const status of [...new Set([...spec.errors, ...guarded, ...limited, ...idempotent, 500] as const)].sort()) {
    responses[status] = errorRef(status, api);
  }
  op.responses = responses;
  op.security = isProtected(spec) ? [{ bearerAuth: [] }] : [];
  if (spec.permission) op['x-permission'] = spec.orSelf ? `${spec.permission}, or the user itself` : spec.permission;
  return op;
}

/** A shared error response: on /api paths with the rate-limit fields, elsewhere without. */
function errorRef(status: keyof typeof ERROR_RESPONSES, api: boolean): Json {
  return { $ref: `#/components/responses/${(api ? ERROR_RESPONSES : ERROR_RESPONSES_OUTSIDE_API)[status].name}` };
}

/** The 405 no operation can list (it answers the methods a path lacks): named by each OPTIONS description instead. */
const methodNotAllowed = (api: boolean) => (api ? ERROR_RESPONSES : ERROR_RESPONSES_OUTSIDE_API)[405].name;

/** Names of the shared responses some operation references: only those are published (no unused components). */
function referencedResponses(paths: Record<string, Json>): Set<string> {
  const names = new Set([methodNotAllowed(true), methodNotAllowed(false)]);
  for (const item of Object.values(paths)) {
    for (const op of Object.values(item) as Json[]) {
      for (const response of Object.values(op.responses as Json) as Json[]) {
        const ref = response.$ref;
        if (typeof ref === 'string') names.add(ref.slice(ref.lastIndexOf('/') + 1));
      }
    }
  }
  return names;
}

/** HEAD mirrors GET without a body; OPTIONS answers 204 with `Allow` (see method-routing.ts). */
function headOf(get: Json): Json {
  const responses = Object.fromEntries(
    Object.entries(get.responses as Json).map(([status, r]) => {
      const { content: _content, ...rest } = r as Json;
      return [status, rest];
    }),
  );
  return { ...get, operationId: `${get.operationId}Head`, summary: `${get.summary} (headers only)`, responses };
}

function optionsOf(path: string, methods: string[], pathParameters: ReadonlyMap<string, Json>): Json {
  const api = path.startsWith('/api/');
  const responses: Json = {
    204: { description: `No body; \`Allow: ${methods.join(', ')}\``, headers: headerRefs(['Allow', ...(api ? RATE_LIMIT_HEADERS : [])]) },
  };
  // The general rate limit runs before method routing on every /api request, OPTIONS included.
  if (api) responses['429'] = errorRef(429, true);
  return {
    operationId: `options${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
    summary: `Methods served by ${path}`,
    description: `Any method not listed in \`Allow\` is a 405 (\`#/components/responses/${methodNotAllowed(api)}\`).`,
    tags: ['Operations'],
    // OpenAPI requires every templated path segment to be declared by each operation: as the path's other operations declare it.
    parameters: [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => pathParameters.get(name ?? '') ?? { name, in: 'path', required: true, schema: { type: 'string' } }),
    responses,
  };
}

/** The path parameters the operations of a path declare, by name. */
function pathParametersOf(item: Json): Map<string, Json> {
  const found = new Map<string, Json>();
  for (const op of Object.values(item) as Json[]) {
    for (const parameter of (op.parameters ?? []) as Json[]) if (parameter.in === 'path') found.set(parameter.name as string, parameter);
  }
  return found;
}

export function buildOpenApiDocument(input: DocumentInput): Json {
  const names = new Map<z.ZodType, string>([[errorEnvelope, 'Error']]);
  for (const [name, schema] of Object.entries(input.schemas)) names.set(schema, name);

  const paths: Record<string, Json> = {};
  for (const spec of input.operations) {
    const path = openApiPath(spec.path);
    const item = paths[path] ?? {};
    paths[path] = item;
    item[spec.method] = operation(spec, names);
    if (spec.method === 'get') item.head = headOf(item.get as Json);
  }
  for (const [path, item] of Object.entries(paths)) {
    const methods = ['get', 'head', 'post', 'put', 'patch', 'delete'].filter((m) => m in item).map((m) => m.toUpperCase());
    item.options = optionsOf(path, [...methods, 'OPTIONS'], pathParametersOf(item));
  }

  const schemas: Record<string, JsonSchema> = {};
  for (const [schema, name] of names) schemas[name] = componentSchema(schema, names, 'input');
  const referenced = referencedResponses(paths);
  const responses = Object.fromEntries(
    [...Object.values(ERROR_RESPONSES), ...Object.values(ERROR_RESPONSES_OUTSIDE_API)]
      .filter(({ name }) => referenced.has(name))
      .map(({ name, description, headers }) => [
        name,
        { description, headers: headerRefs(headers ?? []), content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      ]),
  );

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: input.info,
    servers: [{ url: '/' }],
    tags: [...new Set(input.operations.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An access token from `POST /api/auth/login` or `/api/auth/refresh`, in the Authorization header only (never the query string).',
        },
      },
      schemas,
      responses,
      headers: HEADERS,
      parameters: {
        IfMatch: {
          name: 'If-Match',
          in: 'header',
          required: false,
          description:
            'Apply only if the current ETag is one of these (strong comparison, RFC 9110): `*`, or a comma-separated list such as `"v3", "v4"`. Weak tags and malformed values never match. Mismatch: 412.',
          schema: { type: 'string' },
        },
        IfNoneMatch: {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description:
            'Answer 304 Not Modified, with the `ETag` and no body, when the current ETag is one of these (weak comparison, RFC 9110): `*`, or a comma-separated list such as `"v3"` or `W/"p-..."`.',
          schema: { type: 'string' },
        },
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'draft-ietf-httpapi-idempotency-key-header: 1-255 printable ASCII characters (the quoted structured-field form is the same key). The first response (status, body, `Location`) is kept for 24 hours per caller and key: a repeat with the same body gets it again, with `Idempotent-Replayed: true`, and creates nothing; another body is 422; a repeat while the first runs is 409. Failed requests are not kept. Malformed: 400.',
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
        },
        RequestId: {
          name: 'X-Request-Id',
          in: 'header',
          required: false,
          description: 'Echoed back when it matches `^[A-Za-z0-9._:-]{1,128}$`; otherwise a UUID is generated.',
          schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
        },
      },
    },
  };
}
