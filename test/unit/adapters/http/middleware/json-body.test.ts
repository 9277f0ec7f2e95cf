import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../../../../src/adapters/http/env.ts';
import { onError } from '../../../../../src/adapters/http/error-handler.ts';
import { jsonBody } from '../../../../../src/adapters/http/middleware/json-body.ts';
import { errorOf } from './middleware-kit.ts';

const LIMIT = 64;
const JSON_TYPE = { 'Content-Type': 'application/json' };

function appWithJsonBody() {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  let reached = 0;
  app.post('/echo', jsonBody(LIMIT), async (c) => {
    reached++;
    return c.json({ received: await c.req.json<unknown>() });
  });
  return { app, reached: () => reached };
}

/** A body that arrives in `chunks` pieces of `size` bytes, with no Content-Length; counts what was pulled. */
function streamed(chunks: number, size: number, fill = 0x20) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(fill));
    },
  });
  return { body, pulled: () => pulled };
}

const post = (init: RequestInit & { duplex?: 'half' }) => new Request('http://localhost/echo', { method: 'POST', ...init });

describe('jsonBody', () => {
  it.each([
    ['application/json', '{"name":"Zo\u00EB"}'],
    ['application/json; charset=utf-8', '{"name":"Zo\u00EB"}'],
    ['application/merge-patch+json', '{"name":"Zo\u00EB"}'],
    ['APPLICATION/JSON', '{"name":"Zo\u00EB"}'],
  ])('passes a valid body declared %s through to the route, read once', async (type, body) => {
    const { app, reached } = appWithJsonBody();
    const res = await app.request(post({ body, headers: { 'Content-Type': type } }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: { name: 'Zo\u00EB' } });
    expect(reached()).toBe(1);
  });

  it('passes a body of exactly the limit, and one with Content-Encoding identity', async () => {
    const { app, reached } = appWithJsonBody();
    const exact = JSON.stringify({ s: 'x'.repeat(LIMIT - 8) });
    expect(exact).toHaveLength(LIMIT);
    expect((await app.request(post({ body: exact, headers: JSON_TYPE }))).status).toBe(200);
    expect((await app.request(post({ body: '{}', headers: { ...JSON_TYPE, 'Content-Encoding': ' Identity ' } }))).status).toBe(200);
    expect(reached()).toBe(2);
  });

  it.each([
    ['no Content-Type', {}],
    ['text/plain', { 'Content-Type': 'text/plain' }],
    ['application/x-www-form-urlencoded', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['application/jsonp', { 'Content-Type': 'application/jsonp' }],
  ])('refuses %s: 415 UNSUPPORTED_MEDIA_TYPE, before the route', async (_case, headers) => {
    const { app, reached } = appWithJsonBody();
    const res = await app.request(post({ body: '{}', headers }));
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Request body must be JSON (Content-Type: application/json)' });
    expect(reached()).toBe(0);
  });

  it.each(['gzip', 'br', 'deflate'])('refuses Content-Encoding %s: 415, nothing is decompressed', async (encoding) => {
    const { app, reached } = appWithJsonBody();
    const res = await app.request(post({ body: '{}', headers: { ...JSON_TYPE, 'Content-Encoding': encoding } }));
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Request body must not be compressed (Content-Encoding is not supported)' });
    expect(reached()).toBe(0);
  });

  it('refuses a body over the limit by its Content-Length alone: 413 PAYLOAD_TOO_LARGE', async () => {
    const { app, reached } = appWithJsonBody();
    // The header is believed: the few bytes actually sent are never read.
    const res = await app.request(post({ body: '{}', headers: { ...JSON_TYPE, 'Content-Length': String(LIMIT + 1) } }));
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: `Request body must be at most ${LIMIT} bytes` });
    expect(reached()).toBe(0);
  });

  it('refuses a streamed body over the limit as it arrives, without reading the rest', async () => {
    const { app, reached } = appWithJsonBody();
    const stream = streamed(1000, 16);
    const res = await app.request(post({ body: stream.body, headers: JSON_TYPE, duplex: 'half' }));
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('PAYLOAD_TOO_LARGE');
    expect(stream.pulled()).toBeLessThan(10);
    expect(reached()).toBe(0);
  });

  it('passes a streamed body within the limit', async () => {
    const { app } = appWithJsonBody();
    const chunks = new TextEncoder().encode('{"streamed":true}');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunks.subarray(0, 5));
        controller.enqueue(chunks.subarray(5));
        controller.close();
      },
    });
    const res = await app.request(post({ body: stream, headers: JSON_TYPE, duplex: 'half' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: { streamed: true } });
  });

  it('refuses 415 before 413: a huge body of the wrong type is refused for its type', async () => {
    const { app } = appWithJsonBody();
    const res = await app.request(post({ body: 'x', headers: { 'Content-Type': 'text/plain', 'Content-Length': '1000000' } }));
    expect(res.status).toBe(415);
  });

  it.each([
    ['a lone continuation byte', [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x80, 0x22, 0x7d]],
    ['an 0xFF byte', [0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]],
    ['a truncated sequence', [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe2, 0x82, 0x22, 0x7d]],
  ])('refuses invalid UTF-8 (%s): 400 BAD_REQUEST, never stored as U+FFFD', async (_case, bytes) => {
    const { app, reached } = appWithJsonBody();
    const res = await app.request(post({ body: new Uint8Array(bytes), headers: JSON_TYPE }));
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toEqual({ code: 'BAD_REQUEST', message: 'Request body is not valid UTF-8' });
    expect(reached()).toBe(0);
  });
});
