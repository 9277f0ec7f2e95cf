import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../support/http-app.ts';
import { body } from '../support/json.ts';

/**
 * Response amplification: a body just under the limit must not buy a much larger error. API.md:
 * `fields` names at most 20 problems, `message` says how many were left out, and no error
 * response is larger than 16 KiB, whatever the request.
 */
const MAX_ERROR_BYTES = 16 * 1024;

function unknownKeys(count: number, prefix = 'k'): Record<string, number> {
  const object: Record<string, number> = {};
  for (let i = 0; i < count; i++) object[`${prefix}${i}`] = 1;
  return object;
}

async function sizedBody(res: Response): Promise<{ bytes: number; error: { code: string; message: string; fields?: Record<string, string> } }> {
  const bytes = (await res.clone().arrayBuffer()).byteLength;
  return { bytes, error: (await body(res)).error };
}

describe('error responses stay small, whatever the request', () => {
  it('answers 90,000 unknown properties with 20 named, the rest counted, under 16 KiB, quickly', async () => {
    const t = buildHttpApp();
    const payload = { name: 'Ada', email: 'ada@example.com', ...unknownKeys(90_000) };
    expect(JSON.stringify(payload).length).toBeLessThan(1024 * 1024);
    // The first request of a file also compiles the e2e response check against /openapi.json: not the service's time.
    await t.request('GET', '/livez');
    const started = performance.now();
    const res = await t.request('POST', '/api/users', { json: payload });
    const elapsed = performance.now() - started;
    expect(res.status).toBe(400);
    const { bytes, error } = await sizedBody(res);
    expect(bytes).toBeLessThanOrEqual(MAX_ERROR_BYTES);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields ?? {})).toHaveLength(20);
    expect(error.message).toMatch(/\b89980\b/);
    // Generous for a shared CI core; building and serialising 90,000 messages took far longer.
    expect(elapsed).toBeLessThan(1500);
  });

  it('bounds a huge unknown key name, and a huge unknown query parameter', async () => {
    const t = buildHttpApp();
    const huge = 'x'.repeat(10_000);
    const keys = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`${huge}${i}`, 1]));
    const res = await t.request('POST', '/api/users', { json: { name: 'Ada', email: 'ada@example.com', ...keys } });
    expect(res.status).toBe(400);
    const { bytes, error } = await sizedBody(res);
    expect(bytes).toBeLessThanOrEqual(MAX_ERROR_BYTES);
    expect(Object.keys(error.fields ?? {}).length).toBeGreaterThan(0);
    expect(Object.keys(error.fields ?? {}).length).toBeLessThanOrEqual(20);
    expect(error.message).toMatch(/left out/);

    const query = Array.from({ length: 200 }, (_, i) => `${'q'.repeat(200)}${i}=1`).join('&');
    const listed = await t.request('GET', `/api/users?${query}`);
    expect(listed.status).toBe(400);
    const bounded = await sizedBody(listed);
    expect(bounded.bytes).toBeLessThanOrEqual(MAX_ERROR_BYTES);
    expect(Object.keys(bounded.error.fields ?? {})).toHaveLength(20);
    expect(bounded.error.message).toMatch(/\b180\b/);
  });

  it('bounds keys made of characters JSON must escape', async () => {
    const t = buildHttpApp();
    const control = '\u0001'.repeat(2_000);
    const keys = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`${i}${control}`, 1]));
    const res = await t.request('POST', '/api/users', { json: { name: 'Ada', email: 'ada@example.com', ...keys } });
    expect(res.status).toBe(400);
    expect((await sizedBody(res)).bytes).toBeLessThanOrEqual(MAX_ERROR_BYTES);
  });

  it('keeps a few problems as they were: all named, no count', async () => {
    const t = buildHttpApp();
    const res = await t.request('POST', '/api/users', { json: { name: 'Ada', email: 'ada@example.com', ...unknownKeys(3) } });
    const { error } = await sizedBody(res);
    expect(error.fields).toEqual({ k0: '"k0" is not a known property', k1: '"k1" is not a known property', k2: '"k2" is not a known property' });
    expect(error.message).toBe('Validation failed');
  });
});
