import type { z } from 'zod';
import type { Permission } from '../../../domain/permissions.ts';

/** Headers the document can attach to a response; their schemas live in openapi-document.ts. */
export type ResponseHeaderName = 'ETag' | 'Location' | 'Cache-Control' | 'Content-Disposition' | 'Idempotent-Replayed';

export type SuccessResponse = {
  description: string;
  /** JSON body schema; omit for bodiless responses (204). */
  schema?: z.ZodType;
  /** A body of another media type (the docs page, a CSV export), described in words; several when the answer may be any of them. */
  mediaType?: string | readonly string[];
  headers?: readonly ResponseHeaderName[];
};

/** Error statuses an operation may answer; each maps to a shared component response. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429 | 500 | 503;

/** What any operation with a JSON body may answer: invalid (400), too large (413), not JSON (415). */
export const BODY_ERRORS = [400, 413, 415] as const;
/** What any operation behind a bearer token may answer: no token (401), rate limited (429), failed (500). */
export const SIGNED_IN_ERRORS = [401, 429, 500] as const;
/** The same, for an operation that also needs a permission (403). */
export const GUARDED_ERRORS = [401, 403, 429, 500] as const;

/**
 * One operation, described once. Routes take their permission and schemas from here and the
 * OpenAPI document is generated from the same objects, so what validates is what is documented.
 */
export type OperationSpec = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono syntax (`/api/users/:id`); the document converts it to `{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Needs a bearer token whose holder has this permission (401 without a valid token, 403 without it). */
  permission?: Permission;
  /** With `permission`: the user named by `:id` may act on itself without it. */
  orSelf?: boolean;
  /** Needs a valid bearer token, and no particular permission. */
  signedIn?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Honours If-Match (412 on mismatch). */
  ifMatch?: boolean;
  /** A conditional read: If-None-Match naming the current ETag answers 304 with no body. */
  ifNoneMatch?: boolean;
  /**
   * A create that takes `Idempotency-Key` (API.md, Idempotent creation): the document adds the header,
   * `Idempotent-Replayed` on the success, 409 (still running) and 422 (key reused).
   */
  idempotent?: boolean;
  success: Readonly<Record<number, SuccessResponse>>;
  errors: readonly ErrorStatus[];
};
