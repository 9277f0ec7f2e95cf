import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../../../../src/adapters/http/env.ts';
import { onError } from '../../../../../src/adapters/http/error-handler.ts';
import { generalRateLimit } from '../../../../../src/adapters/http/middleware/rate-limit.ts';
import { TrustedProxies } from '../../../../../src/adapters/http/trusted-proxies.ts';
import { InMemoryRateLimiter } from '../../../../../src/adapters/rate-limit/in-memory-rate-limiter.ts';
import { ConflictError } from '../../../../../src/domain/errors.ts';
import { aUser } from '../../../../support/builders.ts';
import { FixedClock } from '../../../../support/fixed-clock.ts';
import { errorOf, fromAddress, tokenAuth } from './middleware-kit.ts';

const POLICY = { name: 'general', max: 2, windowSeconds: 60 };

function appWithRateLimit(options: { trustedProxies?: TrustedProxies } = {}) {
  const alice = aUser().withName('Alice').build();
  const bob = aUser().withName('Bob').build();
  const auth = tokenAuth(alice, bob);
  const clock = new FixedClock();
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use(generalRateLimit({ limiter: new InMemoryRateLimiter(clock), policy: POLICY, authenticate: auth.authenticate, ...options }));
  let reached = 0;
  app.get('/', (c) => {
    reached++;
    return c.json({ authenticationStarted: c.get('authentication') !== undefined });
  });
  // A response built without Hono's helpers never sees the headers prepared before the route.
  app.get('/raw', () => new Response('plain', { status: 200 }));
  app.post('/conflict', () => {
    throw new ConflictError('Email already in use');
  });
  const get = (address: string, token?: string) =>
    app.request('/', { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } }, fromAddress(address));
  return { app, clock, get, reached: () => reached, alice: auth.tokenOf(alice), bob: auth.tokenOf(bob) };
}

describe('generalRateLimit', () => {
  it('carries RateLimit-Policy and RateLimit on every answer, counting down', async () => {
    const { get } = appWithRateLimit();
    const first = await get('203.0.113.1');
    expect(first.status).toBe(200);
    expect(first.headers.get('RateLimit-Policy')).toBe('"general";q=2;w=60');
    expect(first.headers.get('RateLimit')).toBe('"general";r=1;t=60');
    expect((await get('203.0.113.1')).headers.get('RateLimit')).toBe('"general";r=0;t=60');
  });

  it('carries them on a response the route built itself, without Hono\'s helpers', async () => {
    const { app } = appWithRateLimit();
    const answer = await app.request('/raw', {}, fromAddress('203.0.113.40'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('RateLimit-Policy')).toBe('"general";q=2;w=60');
    expect(answer.headers.get('RateLimit')).toBe('"general";r=1;t=60');
  });

  it('carries them on an error the route answered too', async () => {
    const { app } = appWithRateLimit();
    const res = await app.request('/conflict', { method: 'POST' }, fromAddress('203.0.113.1'));
    expect(res.status).toBe(409);
    expect(res.headers.get('RateLimit')).toBe('"general";r=1;t=60');
  });

  it('refuses past the limit: 429 RATE_LIMITED with Retry-After and the headers, and the route is not run', async () => {
    const { get, clock, reached } = appWithRateLimit();
    await get('203.0.113.1');
    clock.advance(15_000);
    await get('203.0.113.1');
    const refused = await get('203.0.113.1');
    expect(refused.status).toBe(429);
    expect(await errorOf(refused)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused.headers.get('Retry-After')).toBe('45');
    expect(refused.headers.get('RateLimit')).toBe('"general";r=0;t=45');
    expect(refused.headers.get('RateLimit-Policy')).toBe('"general";q=2;w=60');
    expect(reached()).toBe(2);
    clock.advance(45_000);
    expect((await get('203.0.113.1')).status).toBe(200);
  });

  it('keys an anonymous client by its address: another address has its own budget', async () => {
    const { get } = appWithRateLimit();
    await get('203.0.113.1');
    await get('203.0.113.1');
    expect((await get('203.0.113.1')).status).toBe(429);
    expect((await get('203.0.113.2')).status).toBe(200);
  });

  it('keys a client with a valid token by its user: one budget across addresses, apart from the address', async () => {
    const { get, alice } = appWithRateLimit();
    expect((await get('203.0.113.1', alice)).status).toBe(200);
    expect((await get('198.51.100.9', alice)).status).toBe(200);
    expect((await get('192.0.2.77', alice)).status).toBe(429);
    // The address Alice first came from still has its whole anonymous budget.
    expect((await get('203.0.113.1')).headers.get('RateLimit')).toBe('"general";r=1;t=60');
  });

  it('gives users behind one address a budget each', async () => {
    const { get, alice, bob } = appWithRateLimit();
    await get('203.0.113.1', alice);
    await get('203.0.113.1', alice);
    expect((await get('203.0.113.1', alice)).status).toBe(429);
    expect((await get('203.0.113.1', bob)).status).toBe(200);
    expect((await get('203.0.113.1')).status).toBe(200);
  });

  it('counts a token that does not verify against the address, like anonymous traffic', async () => {
    const { get } = appWithRateLimit();
    await get('203.0.113.1', 'forged-1');
    await get('203.0.113.1', 'forged-2');
    expect((await get('203.0.113.1')).status).toBe(429);
  });

  it("starts the request's authentication for a valid token, for the guard to await", async () => {
    const { get, alice } = appWithRateLimit();
    expect(await (await get('203.0.113.1', alice)).json()).toEqual({ authenticationStarted: true });
    expect(await (await get('203.0.113.2', 'forged')).json()).toEqual({ authenticationStarted: false });
  });

  it('keys by the forwarded client when the peer is a trusted proxy', async () => {
    const { app } = appWithRateLimit({ trustedProxies: new TrustedProxies(['10.0.0.1']) });
    const via = (client: string) => app.request('/', { headers: { 'X-Forwarded-For': client } }, fromAddress('10.0.0.1'));
    await via('198.51.100.1');
    await via('198.51.100.1');
    expect((await via('198.51.100.1')).status).toBe(429);
    expect((await via('198.51.100.2')).status).toBe(200);
  });
});
