import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { InMemoryRateLimiter } from '../../src/adapters/rate-limit/in-memory-rate-limiter.ts';
import { TrustedProxies } from '../../src/adapters/http/trusted-proxies.ts';
import type { User } from '../../src/domain/user.ts';
import { aUser } from '../support/builders.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { buildHttpApp, TEST_TOKEN_SETTINGS, type TestApp, type TestAppOptions } from '../support/http-app.ts';
import { body } from '../support/json.ts';
import { PASSWORD, registerMember } from './auth-helpers.ts';

/**
 * The general limit per client on /api (API.md "Rate limiting"), through HTTP: the IETF header
 * fields on every /api response and on nothing else, the 429 that never reaches its route, whose
 * budget a request is counted against (user id, else address; X-Forwarded-For only from trusted
 * proxies), the window's reset, and the login limits on top. A FixedClock drives the limiter, so
 * `t` is exact.
 */

const MAX = 3;
const WINDOW = 60;

// Documentation addresses (RFC 5737) for clients, 10/8 for the proxies.
const A = '203.0.113.1';
const B = '203.0.113.2';
const C = '198.51.100.3';
const PROXY = '10.0.0.1';

type Limited = { t: TestApp; clock: FixedClock };

function limitedApp(
  options: { max?: number; windowSeconds?: number; trustedProxies?: TrustedProxies } & Omit<TestAppOptions, 'rateLimit'> = {},
): Limited {
  const { max = MAX, windowSeconds = WINDOW, trustedProxies, ...rest } = options;
  const clock = new FixedClock();
  const t = buildHttpApp({
    ...rest,
    rateLimit: { limiter: new InMemoryRateLimiter(clock), policy: { name: 'default', max, windowSeconds }, trustedProxies },
  });
  return { t, clock };
}

type SendOptions = {
  /** As TestApp.request: the seeded admin's token by default, null for none, a string as the token. */
  as?: string | null;
  json?: unknown;
  headers?: Record<string, string>;
  /** The socket's peer address; omitted, the request has no socket (the address is `unknown`). */
  from?: string;
};

const adminTokens = new WeakMap<TestApp, Promise<string>>();

/** Like TestApp.request, but from a socket address, as @hono/node-server would pass it. */
async function send(t: TestApp, method: string, path: string, { as, json, headers = {}, from }: SendOptions = {}): Promise<Response> {
  let token = as;
  if (token === undefined) {
    let admin = adminTokens.get(t);
    if (!admin) adminTokens.set(t, (admin = t.tokenFor(t.admin)));
    token = await admin;
  }
  const init: RequestInit = {
    method,
    headers: {
      ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
      ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: json === undefined ? undefined : JSON.stringify(json),
  };
  return t.app.request(path, init, from === undefined ? undefined : { incoming: { socket: { remoteAddress: from } } });
}

const RATE_LIMIT_FIELD = /^"default";r=(\d+);t=(\d+)$/;

/** The RateLimit field's r and t; fails the test when the field is missing or not in the draft's syntax. */
function limitOf(res: Response): { r: number; t: number } {
  const field = res.headers.get('RateLimit');
  expect(field, 'RateLimit field').toMatch(RATE_LIMIT_FIELD);
  const [, r, t] = RATE_LIMIT_FIELD.exec(field ?? '') ?? [];
  return { r: Number(r), t: Number(t) };
}

/** The 429 of the general limit: envelope without fields, Retry-After equal to the field's t. */
async function expectRateLimited(res: Response): Promise<{ r: number; t: number; message: string }> {
  expect(res.status).toBe(429);
  const json = await body(res);
  expect(json).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
  expect(json.error.message.length).toBeGreaterThan(0);
  const limit = limitOf(res);
  expect(limit.r).toBe(0);
  expect(res.headers.get('Retry-After')).toBe(String(limit.t));
  return { ...limit, message: json.error.message };
}

/** Spends `n` requests of a client's budget on a cheap route, each one allowed. */
async function spend(t: TestApp, n: number, options: SendOptions): Promise<void> {
  for (let i = 0; i < n; i++) {
    const res = await send(t, 'GET', '/api/auth/me', options);
    expect(res.status, `request ${i + 1} of ${n}`).not.toBe(429);
  }
}

/** An active member stored directly (no request spent on it), and an access token for it. */
async function storedMember(t: TestApp): Promise<{ user: User; token: string }> {
  const user = aUser().withEmail(`rl-${crypto.randomUUID()}@example.com`).build();
  t.uow.users.rows.set(user.id, user);
  return { user, token: await t.tokenFor(user) };
}

describe('the RateLimit header fields', () => {
  const newUser = () => ({ name: 'Grace Hopper', email: `grace-${crypto.randomUUID()}@example.com`, password: 'a-long-enough-password' });

  // Each case is the first request of a fresh budget of 5 per 90 s.
  const cases: [string, number, (t: TestApp) => Promise<Response>, string | null][] = [
    ['a 200 GET', 200, (t) => send(t, 'GET', '/api/users'), null],
    ['a 201 POST', 201, (t) => send(t, 'POST', '/api/users', { json: newUser() }), null],
    ['a 201 anonymous POST /api/auth/register', 201, (t) => send(t, 'POST', '/api/auth/register', { as: null, json: newUser() }), null],
    ['a 401 without a token on a protected route', 401, (t) => send(t, 'GET', '/api/users', { as: null }), 'UNAUTHORIZED'],
    ['a 404 Route not found under /api', 404, (t) => send(t, 'GET', '/api/no-such-route'), 'NOT_FOUND'],
    ['a 405', 405, (t) => send(t, 'DELETE', '/api/users'), 'METHOD_NOT_ALLOWED'],
    ['a 400 validation error', 400, (t) => send(t, 'POST', '/api/users', { json: { name: 1 } }), 'VALIDATION_ERROR'],
  ];

  it.each(cases)('%s carries RateLimit-Policy and RateLimit in the draft syntax', async (_name, status, request, code) => {
    const { t } = limitedApp({ max: 5, windowSeconds: 90 });
    const res = await request(t);
    expect(res.status).toBe(status);
    if (code !== null) {
      const { error } = await body(res);
      expect(error.code).toBe(code);
      if (status === 404) expect(error.message).toBe('Route not found');
    }
    expect(res.headers.get('RateLimit-Policy')).toBe('"default";q=5;w=90');
    expect(res.headers.get('RateLimit')).toBe('"default";r=4;t=90');
  });

  it('the 429 carries them too, with r=0', async () => {
    const { t } = limitedApp({ max: 5, windowSeconds: 90 });
    await spend(t, 5, {});
    const res = await send(t, 'GET', '/api/users');
    await expectRateLimited(res);
    expect(res.headers.get('RateLimit-Policy')).toBe('"default";q=5;w=90');
    expect(res.headers.get('RateLimit')).toBe('"default";r=0;t=90');
  });

  it.each(['/livez', '/readyz', '/metrics', '/.well-known/jwks.json', '/openapi.json'])(
    '%s carries neither field, and costs nothing of the /api budget',
    async (path) => {
      const { t } = limitedApp({ max: 1 });
      for (const as of [undefined, null]) {
        const res = await send(t, 'GET', path, { as });
        expect(res.status).toBe(200);
        expect(res.headers.has('RateLimit-Policy')).toBe(false);
        expect(res.headers.has('RateLimit')).toBe(false);
      }
      // Neither the admin's budget nor the anonymous one was touched: each still has its one request.
      expect(limitOf(await send(t, 'GET', '/api/users')).r).toBe(0);
      expect((await send(t, 'GET', '/api/users', { as: null })).status).toBe(401);
    },
  );

  it('r counts down with each request and t counts down to the end of the window, from the window to 1', async () => {
    const { t, clock } = limitedApp({ max: 4, windowSeconds: 60 });
    const seen: { r: number; t: number }[] = [];
    seen.push(limitOf(await send(t, 'GET', '/api/users')));
    clock.advance(15_000);
    seen.push(limitOf(await send(t, 'GET', '/api/users')));
    clock.advance(14_500);
    seen.push(limitOf(await send(t, 'GET', '/api/users')));
    clock.advance(30_000); // 59.5 s into the window: half a second left rounds up to 1
    seen.push(limitOf(await send(t, 'GET', '/api/users')));
    expect(seen).toEqual([
      { r: 3, t: 60 },
      { r: 2, t: 45 },
      { r: 1, t: 31 },
      { r: 0, t: 1 },
    ]);
  });
});

describe('over the limit', () => {
  it('answers 429 RATE_LIMITED without fields, Retry-After equal to t, until the window ends', async () => {
    const { t, clock } = limitedApp();
    await spend(t, MAX, {});
    clock.advance(20_000);
    const first = await expectRateLimited(await send(t, 'GET', '/api/users'));
    expect(first.t).toBe(40);
    clock.advance(10_000);
    // Refused requests do not extend the window.
    expect((await expectRateLimited(await send(t, 'GET', '/api/users'))).t).toBe(30);
  });

  it('never reaches the route: a POST /api/users over the limit creates nothing', async () => {
    const { t } = limitedApp();
    await spend(t, MAX, {});
    const email = `refused-${crypto.randomUUID()}@example.com`;
    const before = t.uow.users.rows.size;

    await expectRateLimited(await send(t, 'POST', '/api/users', { json: { name: 'Refused', email, password: 'a-long-enough-password' } }));

    expect(t.uow.users.rows.size).toBe(before);
    expect([...t.uow.users.rows.values()].some((user) => user.email === email)).toBe(false);
    // Another admin, with a budget of its own, does not find it either.
    const other = aUser().withRole('admin').withEmail(`other-admin-${crypto.randomUUID()}@example.com`).build();
    t.uow.users.rows.set(other.id, other);
    const list = await send(t, 'GET', `/api/users?search=${encodeURIComponent('refused')}`, { as: await t.tokenFor(other) });
    expect(list.status).toBe(200);
    expect((await body(list)).data).toEqual([]);
  });

  it('is checked before the route guard: an anonymous client over its budget gets 429, not 401', async () => {
    const { t } = limitedApp();
    for (let i = 0; i < MAX; i++) expect((await send(t, 'GET', '/api/users', { as: null, from: A })).status).toBe(401);
    const res = await send(t, 'GET', '/api/users', { as: null, from: A });
    await expectRateLimited(res);
    expect(res.headers.has('WWW-Authenticate')).toBe(false);
  });

  it('gives the full budget back once the window has passed', async () => {
    const { t, clock } = limitedApp();
    await spend(t, MAX, { from: A });
    await expectRateLimited(await send(t, 'GET', '/api/users', { from: A }));

    clock.advance(WINDOW * 1000 - 1);
    expect((await expectRateLimited(await send(t, 'GET', '/api/users', { from: A }))).t).toBe(1);

    clock.advance(1);
    for (let remaining = MAX - 1; remaining >= 0; remaining--) {
      const res = await send(t, 'GET', '/api/users', { from: A });
      expect(res.status).toBe(200);
      expect(limitOf(res)).toEqual({ r: remaining, t: WINDOW });
    }
    await expectRateLimited(await send(t, 'GET', '/api/users', { from: A }));
  });
});

describe('whose budget a request is counted against', () => {
  it('a signed-in user is limited by user id: two users from one address each get the full budget', async () => {
    const { t } = limitedApp();
    const one = await storedMember(t);
    const two = await storedMember(t);

    await spend(t, MAX, { as: one.token, from: A });
    await expectRateLimited(await send(t, 'GET', '/api/auth/me', { as: one.token, from: A }));

    const res = await send(t, 'GET', '/api/auth/me', { as: two.token, from: A });
    expect(res.status).toBe(200);
    expect((await body(res)).data.id).toBe(two.user.id);
    expect(limitOf(res).r).toBe(MAX - 1);
    await spend(t, MAX - 1, { as: two.token, from: A });
    await expectRateLimited(await send(t, 'GET', '/api/auth/me', { as: two.token, from: A }));

    // Nor did either spend the address's anonymous budget.
    const anonymous = await send(t, 'GET', '/api/users', { as: null, from: A });
    expect(anonymous.status).toBe(401);
    expect(limitOf(anonymous).r).toBe(MAX - 1);
  });

  it("one user's budget is shared across the addresses it comes from", async () => {
    const { t } = limitedApp();
    const { token } = await storedMember(t);
    expect(limitOf(await send(t, 'GET', '/api/auth/me', { as: token, from: A })).r).toBe(2);
    expect(limitOf(await send(t, 'GET', '/api/auth/me', { as: token, from: B })).r).toBe(1);
    expect(limitOf(await send(t, 'GET', '/api/auth/me', { as: token, from: C })).r).toBe(0);
    await expectRateLimited(await send(t, 'GET', '/api/auth/me', { as: token, from: '2001:db8::7' }));
    await expectRateLimited(await send(t, 'GET', '/api/auth/me', { as: token }));
  });

  it('anonymous clients are limited by address: two addresses have separate budgets', async () => {
    const { t } = limitedApp();
    await spend(t, MAX, { as: null, from: A });
    await expectRateLimited(await send(t, 'GET', '/api/auth/me', { as: null, from: A }));

    const other = await send(t, 'GET', '/api/auth/me', { as: null, from: B });
    expect(other.status).toBe(401);
    expect(limitOf(other).r).toBe(MAX - 1);
    await expectRateLimited(await send(t, 'GET', '/api/auth/me', { as: null, from: A }));
  });

  it('a forged token is counted against its address, not the user it names, and still gets 401 with the fields', async () => {
    const { t } = limitedApp();
    const victim = await storedMember(t);
    // The victim's own claims, signed with a key that is not the service's.
    const { privateKey } = await generateKeyPair('EdDSA');
    const forged = await new SignJWT({ email: victim.user.email, role: victim.user.role, sid: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt' })
      .setSubject(victim.user.id)
      .setIssuer(TEST_TOKEN_SETTINGS.issuer)
      .setAudience(TEST_TOKEN_SETTINGS.audience)
      .setIssuedAt()
      .setExpirationTime('10m')
      .setJti(crypto.randomUUID())
      .sign(privateKey);

    for (let remaining = MAX - 1; remaining >= 0; remaining--) {
      const res = await send(t, 'GET', '/api/auth/me', { as: forged, from: A });
      expect(res.status).toBe(401);
      expect((await body(res)).error.code).toBe('UNAUTHORIZED');
      expect(res.headers.get('RateLimit-Policy')).toBe(`"default";q=${MAX};w=${WINDOW}`);
      expect(limitOf(res).r).toBe(remaining);
    }
    await expectRateLimited(await send(t, 'GET', '/api/auth/me', { as: forged, from: A }));
    // The address's budget is the one spent: anonymous traffic from A is refused too...
    await expectRateLimited(await send(t, 'GET', '/api/users', { as: null, from: A }));
    // ...while the user the token names has all of its own, from that very address,
    const genuine = await send(t, 'GET', '/api/auth/me', { as: victim.token, from: A });
    expect(genuine.status).toBe(200);
    expect(limitOf(genuine).r).toBe(MAX - 1);
    // and the same forgery from another address starts on that address's budget.
    const elsewhere = await send(t, 'GET', '/api/auth/me', { as: forged, from: B });
    expect(elsewhere.status).toBe(401);
    expect(limitOf(elsewhere).r).toBe(MAX - 1);
  });

  it('a garbage Authorization header is counted against the address, and gets 401 with the fields', async () => {
    const { t } = limitedApp();
    await spend(t, MAX, { as: null, from: A });
    const res = await send(t, 'GET', '/api/users', { as: 'not-a-jwt', from: A });
    await expectRateLimited(res);
    const fresh = await send(t, 'GET', '/api/users', { as: 'not-a-jwt', from: B });
    expect(fresh.status).toBe(401);
    expect(limitOf(fresh).r).toBe(MAX - 1);
  });
});

describe('TRUST_PROXY', () => {
  const trustedProxies = new TrustedProxies(['10.0.0.0/8']);

  it('behind a trusted proxy, the rightmost untrusted X-Forwarded-For address is the key', async () => {
    const { t } = limitedApp({ trustedProxies });
    const via = (xff: string): SendOptions => ({ as: null, from: PROXY, headers: { 'X-Forwarded-For': xff } });

    await spend(t, MAX, via(A));
    await expectRateLimited(await send(t, 'GET', '/api/auth/me', via(A)));

    // Another client behind the same proxy has a budget of its own.
    const other = await send(t, 'GET', '/api/auth/me', via(B));
    expect(other.status).toBe(401);
    expect(limitOf(other).r).toBe(MAX - 1);

    // What the client writes to the left of its address changes nothing; a second trusted hop neither.
    await expectRateLimited(await send(t, 'GET', '/api/auth/me', via(`${C}, ${A}`)));
    await expectRateLimited(await send(t, 'GET', '/api/auth/me', via(`${A}, 10.1.2.3`)));
    await expectRateLimited(await send(t, 'GET', '/api/auth/me', { as: null, from: '10.9.9.9', headers: { 'X-Forwarded-For': A } }));

    // The proxy's own budget (no header) is separate from its clients'.
    const direct = await send(t, 'GET', '/api/auth/me', { as: null, from: PROXY });
    expect(direct.status).toBe(401);
    expect(limitOf(direct).r).toBe(MAX - 1);
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored: spoofing it gives no fresh budget', async () => {
    const { t } = limitedApp();
    await spend(t, MAX, { as: null, from: A });
    for (const spoofed of [B, C, `${B}, ${C}`]) {
      await expectRateLimited(await send(t, 'GET', '/api/auth/me', { as: null, from: A, headers: { 'X-Forwarded-For': spoofed } }));
    }
  });

  it('with TRUST_PROXY, X-Forwarded-For from a peer that is not a trusted proxy is ignored', async () => {
    const { t } = limitedApp({ trustedProxies });
    await spend(t, MAX, { as: null, from: A });
    await expectRateLimited(await send(t, 'GET', '/api/auth/me', { as: null, from: A, headers: { 'X-Forwarded-For': B } }));
  });
});

describe('the login limits, on top of the general limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After both for a login limit (per address, failures per email) and for the general limit', async () => {
    const LOGIN_WINDOW = 900;
    const { t } = limitedApp({ max: 6, windowSeconds: 60, auth: { loginLimit: { max: 2, windowSeconds: LOGIN_WINDOW }, loginEmailFailuresMax: 2 } });
    const member = await registerMember(t); // no socket: the `unknown` address's budgets, used by nothing below
    const login = (email: string, from: string, password = PASSWORD) =>
      send(t, 'POST', '/api/auth/login', { as: null, from, json: { email, password } });

    /** A login limit's 429: RATE_LIMITED, Retry-After within the login window, the general fields still there. */
    const expectLoginLimited = async (res: Response, generalRemaining: number) => {
      expect(res.status).toBe(429);
      const json = await body(res);
      expect(json).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
      const retryAfter = res.headers.get('Retry-After');
      expect(retryAfter).toMatch(/^\d+$/);
      // Longer than the general window: this Retry-After is the login limit's, not the general one's.
      expect(Number(retryAfter)).toBeGreaterThan(60);
      expect(Number(retryAfter)).toBeLessThanOrEqual(LOGIN_WINDOW);
      expect(res.headers.get('RateLimit-Policy')).toBe('"default";q=6;w=60');
      expect(limitOf(res).r).toBe(generalRemaining);
      return json.error.message as string;
    };

    // Per address: two attempts from A for different emails, then A is refused, whatever the email.
    expect((await login('nobody-1@example.com', A)).status).toBe(401);
    expect((await login('nobody-2@example.com', A)).status).toBe(401);
    const byAddress = await expectLoginLimited(await login(member.email, A), 6 - 3);

    // Failures per email from all addresses (LOGIN_EMAIL_FAILURES_MAX, here 2): two wrong passwords
    // from B and C, then the right one from a fresh address is refused.
    expect((await login(member.email, B, 'wrong password')).status).toBe(401);
    expect((await login(member.email, C, 'wrong password')).status).toBe(401);
    const byEmail = await expectLoginLimited(await login(member.email, '198.51.100.77'), 6 - 1);

    // The general limit: a client that spent its /api budget elsewhere cannot even attempt a login.
    const D = '198.51.100.99';
    await spend(t, 6, { as: null, from: D });
    const general = await expectRateLimited(await login('nobody-3@example.com', D));
    expect(general.t).toBeLessThanOrEqual(60);

    // The general 429 and the login 429 are told apart by their messages, and both say what happened.
    expect(byAddress).toBe(byEmail);
    expect(general.message).not.toBe(byAddress);
  });
});
