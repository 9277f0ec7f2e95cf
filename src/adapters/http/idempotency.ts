import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { StoredAnswer } from '../../application/ports/idempotency-records.ts';
import type { IdempotentCreation, RecordAnswer } from '../../application/shared/idempotent-creation.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { AppEnv } from './env.ts';
import { JSON_CONTENT_TYPE } from './json-response.ts';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** 1-255 printable ASCII (API.md); the draft's quoted form (a structured-field string) is accepted too. */
const KEY = /^[\x20-\x7e]{1,255}$/;
const QUOTED = /^"((?:[^"\\]|\\["\\])*)"$/;

/** The request's Idempotency-Key: undefined when absent, a 400 naming the header when malformed. */
export function idempotencyKeyOf(c: Context<AppEnv>): string | undefined {
  const raw = c.req.header(IDEMPOTENCY_KEY_HEADER);
  if (raw === undefined) return undefined;
  const key = QUOTED.exec(raw)?.[1]?.replace(/\\(["\\])/g, '$1') ?? raw;
  if (!KEY.test(key)) {
    throw new ValidationError({ [IDEMPOTENCY_KEY_HEADER]: 'Must be 1-255 printable ASCII characters' });
  }
  return key;
}

/** What a create route answers: its status, and the representation and headers of what it created. */
export type CreateResponse<T> = Readonly<{
  status: 201 | 202;
  present: (created: T) => Readonly<{ body: unknown; headers: Readonly<Record<string, string>> }>;
  /** Runs the use case, handing it the recorder when the request carries a key. */
  create: (record?: RecordAnswer<T>) => Promise<T>;
}>;

/**
 * Answers a create, with or without Idempotency-Key. The caller scopes the key: `user:<id>` when
 * signed in, `address:<ip>` on the public sign-up. The request hash covers method, path and the raw
 * body bytes (already read and kept by jsonBody), so a repeat must be byte-for-byte the same.
 */
export async function answerCreate<T>(c: Context<AppEnv>, idempotency: IdempotentCreation, caller: string, response: CreateResponse<T>): Promise<Response> {
  const key = idempotencyKeyOf(c);
  const answerOf = (created: T): StoredAnswer => {
    const { body, headers } = response.present(created);
    return { status: response.status, headers, body: JSON.stringify(body) };
  };
  if (key === undefined) return send(c, answerOf(await response.create()), false);
  const requestHash = await sha256Hex(c.req.method, c.req.path, await c.req.arrayBuffer());
  let kept: StoredAnswer | undefined;
  const outcome = await idempotency.run({ scope: { caller, key }, requestHash }, (created: T) => (kept = answerOf(created)), (record) => response.create(record));
  if (outcome.replayed) return send(c, outcome.answer, true);
  return send(c, kept ?? answerOf(outcome.created), false);
}

function send(c: Context<AppEnv>, answer: StoredAnswer, replayed: boolean): Response {
  const headers: Record<string, string> = { ...answer.headers, 'Content-Type': JSON_CONTENT_TYPE };
  if (replayed) headers[IDEMPOTENT_REPLAYED_HEADER] = 'true';
  return c.body(answer.body, answer.status as ContentfulStatusCode, headers);
}

async function sha256Hex(method: string, path: string, body: ArrayBuffer): Promise<string> {
  const head = new TextEncoder().encode(`${method} ${path}\n`);
  const bytes = new Uint8Array(head.length + body.byteLength);
  bytes.set(head);
  bytes.set(new Uint8Array(body), head.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
