import { describe, expect, it } from 'vitest';
import { ScryptPasswordHasher } from '../../src/adapters/security/scrypt-password-hasher.ts';
import { TrustedProxies } from '../../src/adapters/http/trusted-proxies.ts';
import { buildHttpApp, UNLIMITED, type TestApp, type TestAppOptions } from '../support/http-app.ts';
import { body } from '../support/json.ts';
import { PASSWORD, registerMember } from './auth-helpers.ts';

/**
 * Sign-in and sign-up limits and bounded hashing through HTTP (API.md "Rate limiting"): failures
 * per (email, address) and per email, so strangers cannot lock an owner out; sign-ups per
 * address; 503 with Retry-After when hashing is at capacity, sign-ins first. Client addresses are
 * socket addresses, as @hono/node-server passes them.
 */

const WINDOW = 900;
/** The contract's defaults: LOGIN_RATE_LIMIT_MAX 10, LOGIN_EMAIL_FAILURES_MAX 100. */
const DEFAULT_LIMITS = { loginLimit: { max: 10, windowSeconds: WINDOW }, loginEmailFailuresMax: 100 };

const address = (n: number) => `198.51.100.${n}`;

function appWith(options: TestAppOptions = {}): TestApp {
  return buildHttpApp({ ...options, auth: { ...DEFAULT_LIMITS, ...options.auth } });
}

/** A request from a socket address, anonymous. */
async function from(t: TestApp, peer: string, path: string, json: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const init = { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(json) };
  return t.app.request(path, init, { incoming: { socket: { remoteAddress: peer } } });
}

const login = (t: TestApp, peer: string, email: string, password = PASSWORD) => from(t, peer, '/api/auth/login', { email, password });

let serial = 0;
const signUp = (t: TestApp, peer: string, headers: Record<string, string> = {}) =>
  from(t, peer, '/api/auth/register', { name: 'Newcomer', email: `newcomer-${++serial}@example.com`, password: PASSWORD }, headers);

/** A 429 in the envelope, with a Retry-After within `window`. */
async function expectLimited(res: Response, window: number): Promise<void> {
  expect(res.status).toBe(429);
  expect(await body(res)).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
  const retryAfter = Number(res.headers.get('Retry-After'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(window);
}

describe('sign-in failures cannot be turned against the owner', () => {
  it('10 wrong passwords for an email from 10 addresses leave its owner able to sign in', async () => {
    const t = appWith();
    const owner = await registerMember(t);
    for (let n = 1; n <= 10; n++) expect((await login(t, address(n), owner.email, 'a stranger guessing')).status).toBe(401);
    expect((await login(t, address(77), owner.email)).status).toBe(200);
    expect((await login(t, address(1), owner.email)).status).toBe(200); // from one of theirs too: 1 failure there
  });

  it('10 wrong passwords from one address block that address for the email, not the owner from another', async () => {
    const t = appWith();
    const owner = await registerMember(t);
    for (let i = 0; i < 10; i++) expect((await login(t, address(1), owner.email, `guess ${i}`)).status).toBe(401);
    await expectLimited(await login(t, address(1), owner.email), WINDOW); // even the right password
    expect((await login(t, address(2), owner.email)).status).toBe(200);
  });

  it('LOGIN_EMAIL_FAILURES_MAX failures from all addresses together block the email everywhere, and only it', async () => {
    const t = appWith({ auth: { loginEmailFailuresMax: 6 } });
    const owner = await registerMember(t);
    const other = await registerMember(t);
    for (let n = 1; n <= 6; n++) expect((await login(t, address(n), owner.email, 'wrong')).status).toBe(401);
    await expectLimited(await login(t, address(50), owner.email), WINDOW);
    expect((await login(t, address(50), other.email)).status).toBe(200);
  });

  it('a blocked attempt is refused whatever it sends, and says nothing of whether the email exists', async () => {
    const t = appWith({ auth: { loginEmailFailuresMax: 2 } });
    const owner = await registerMember(t);
    for (const email of [owner.email, 'nobody@example.com']) {
      for (let n = 1; n <= 2; n++) expect((await login(t, address(n), email, 'wrong')).status).toBe(401);
      const res = await login(t, address(9), email, 'wrong');
      await expectLimited(res.clone(), WINDOW);
      expect((await body(res)).error.message).toBe('Too many sign-in attempts; try again later');
    }
  });
});

describe('sign-ups per address', () => {
  it('answers 429 with Retry-After after REGISTER_RATE_LIMIT_MAX sign-ups from one address, creating nothing; other addresses go on', async () => {
    const t = appWith({ auth: { registerLimit: { max: 3, windowSeconds: 3600 } } });
    for (let i = 0; i < 3; i++) expect((await signUp(t, address(1))).status).toBe(201);
    const users = t.uow.users.rows.size;
    await expectLimited(await signUp(t, address(1)), 3600);
    expect(t.uow.users.rows.size).toBe(users);
    expect((await signUp(t, address(2))).status).toBe(201);
  });

  it('behind a trusted proxy, counts the client X-Forwarded-For names, not the proxy', async () => {
    const t = appWith({ auth: { registerLimit: { max: 1, windowSeconds: 3600 } }, rateLimit: { ...UNLIMITED, trustedProxies: new TrustedProxies(['10.0.0.1']) } });
    const viaProxy = (client: string) => signUp(t, '10.0.0.1', { 'X-Forwarded-For': client });
    expect((await viaProxy(address(1))).status).toBe(201);
    expect((await viaProxy(address(2))).status).toBe(201);
    await expectLimited(await viaProxy(address(1)), 3600);
  });
});

describe('bounded hashing', () => {
  it('refuses sign-ups beyond capacity with 503 SERVICE_UNAVAILABLE and Retry-After, never a 500, while a sign-in still gets through', async () => {
    // Real scrypt, dear enough (N=2^14) that the burst arrives while the first hash runs.
    const hasher = new ScryptPasswordHasher({ N: 2 ** 14, r: 8, p: 1 }, { maxConcurrent: 1, maxWaiting: 2 });
    const t = appWith({ hasher });
    const owner = await registerMember(t);
    const burst = Array.from({ length: 12 }, (_, n) => signUp(t, address(n + 1)));
    const signIn = login(t, address(99), owner.email);
    const responses = await Promise.all(burst);
    const statuses = responses.map((res) => res.status);
    expect(statuses.every((status) => status === 201 || status === 503)).toBe(true);
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((status) => status === 201).length).toBeLessThanOrEqual(3); // one running, two waiting
    const refused = responses.filter((res) => res.status === 503);
    for (const res of refused) {
      expect(await body(res)).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: 'Too many password checks at once; try again shortly' } });
      expect(res.headers.get('Retry-After')).toBe('1');
    }
    expect((await signIn).status).toBe(200);
    expect((await signUp(t, address(1))).status).toBe(201); // drained: served again
  });
});
