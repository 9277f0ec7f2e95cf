import { beforeAll, describe, expect, it } from 'vitest';
import { InMemoryRateLimiter } from '../../../../src/adapters/rate-limit/in-memory-rate-limiter.ts';
import { ScryptPasswordHasher } from '../../../../src/adapters/security/scrypt-password-hasher.ts';
import { JoseTokenService } from '../../../../src/adapters/security/jose-token-service.ts';
import { loadSigningKey, type SigningKey } from '../../../../src/adapters/security/signing-key.ts';
import { SignInFailures } from '../../../../src/application/auth/sign-in-failures.ts';
import { Login } from '../../../../src/application/auth/login.ts';
import { aUser } from '../../../support/builders.ts';
import { FixedClock } from '../../../support/fixed-clock.ts';
import { InMemoryUnitOfWork } from '../../../support/in-memory-unit-of-work.ts';
import { SequentialIds } from '../../../support/sequential-ids.ts';
import { CountingHasher } from '../counting-ports.ts';
import { CHEAP_SCRYPT, rejectionOf, seed } from '../harness.ts';

/**
 * The sign-in failure rules (API.md "Rate limiting"): failures per (email, address) up to
 * LOGIN_RATE_LIMIT_MAX, per email from all addresses up to LOGIN_EMAIL_FAILURES_MAX; strangers
 * failing from a few addresses cannot lock the owner out. In-memory limiter, fixed clock.
 */

const WINDOW = 900;
const EMAIL = 'owner@example.com';
const PASSWORD = 'the owner knows this one';
const addresses = (count: number, from = 1) => Array.from({ length: count }, (_, i) => `198.51.100.${from + i}`);

function failuresWith(perAddress: number, perEmail: number) {
  const clock = new FixedClock();
  const failures = new SignInFailures({ limiter: new InMemoryRateLimiter(clock), limits: { perAddress, perEmail, windowSeconds: WINDOW } });
  return { clock, failures };
}

describe('SignInFailures', () => {
  it('blocks an (email, address) pair at perAddress failures, and only that pair', async () => {
    const { failures } = failuresWith(3, 100);
    for (let i = 0; i < 3; i++) {
      await expect(failures.assertNotBlocked(EMAIL, 'A')).resolves.toBeUndefined();
      await failures.recordFailure(EMAIL, 'A');
    }
    expect(await rejectionOf(failures.assertNotBlocked(EMAIL, 'A'))).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: WINDOW });
    expect(await rejectionOf(failures.assertNotBlocked(' OWNER@Example.com ', 'A'))).toMatchObject({ code: 'RATE_LIMITED' });
    await expect(failures.assertNotBlocked(EMAIL, 'B')).resolves.toBeUndefined();
    await expect(failures.assertNotBlocked('someone-else@example.com', 'A')).resolves.toBeUndefined();
  });

  it('blocks the email from every address once perEmail failures came from all of them together', async () => {
    const { failures } = failuresWith(3, 10);
    for (const address of addresses(5)) for (let i = 0; i < 2; i++) await failures.recordFailure(EMAIL, address);
    for (const address of [...addresses(5), 'a fresh one']) {
      expect(await rejectionOf(failures.assertNotBlocked(EMAIL, address))).toMatchObject({ code: 'RATE_LIMITED' });
    }
    await expect(failures.assertNotBlocked('someone-else@example.com', 'a fresh one')).resolves.toBeUndefined();
  });

  it('lifts at the end of the window, telling the longest wait when both bounds hold', async () => {
    const { clock, failures } = failuresWith(2, 3);
    await failures.recordFailure(EMAIL, 'A'); // the email's window opens now
    clock.advance(600_000);
    await failures.recordFailure(EMAIL, 'B');
    await failures.recordFailure(EMAIL, 'B'); // B's pair window opened 600 s later, so it ends later
    expect(await rejectionOf(failures.assertNotBlocked(EMAIL, 'B'))).toMatchObject({ retryAfterSeconds: WINDOW });
    clock.advance(300_000); // the email's window is over; B's pair still has 600 s to go
    await expect(failures.assertNotBlocked(EMAIL, 'A')).resolves.toBeUndefined();
    expect(await rejectionOf(failures.assertNotBlocked(EMAIL, 'B'))).toMatchObject({ retryAfterSeconds: 600 });
    clock.advance(600_000);
    await expect(failures.assertNotBlocked(EMAIL, 'B')).resolves.toBeUndefined();
  });
});

let signingKey: SigningKey;
let passwordHash: string;
beforeAll(async () => {
  signingKey = await loadSigningKey();
  passwordHash = await new CountingHasher().hash(PASSWORD);
});

/** Login over the in-memory unit of work with the owner stored, LOGIN_RATE_LIMIT_MAX = 10. */
async function loginWith(loginEmailFailuresMax = 100, hasher = new CountingHasher()) {
  const uow = new InMemoryUnitOfWork();
  const clock = new FixedClock();
  const limiter = new InMemoryRateLimiter(clock);
  const loginLimit = { max: 10, windowSeconds: WINDOW };
  const failures = new SignInFailures({ limiter, limits: { perAddress: 10, perEmail: loginEmailFailuresMax, windowSeconds: WINDOW } });
  const tokens = new JoseTokenService(signingKey, { issuer: 'i', audience: 'a', accessTtlSeconds: 900 });
  const login = new Login({ tokens, ids: new SequentialIds(), clock, refreshTtlSeconds: 86_400, uow, hasher, limiter, loginLimit, failures });
  await seed(uow, aUser().withEmail(EMAIL).withPasswordHash(passwordHash).build());
  const attempt = (clientAddress: string, password = PASSWORD, email = EMAIL) => login.execute({ email, password, clientAddress });
  return { clock, hasher, attempt };
}

describe('Login with the failure rules', () => {
  it('10 wrong passwords from 10 addresses leave the owner able to sign in, from a fresh address and from theirs', async () => {
    const { attempt } = await loginWith();
    for (const address of addresses(10)) expect((await rejectionOf(attempt(address, 'a wrong guess'))).code).toBe('UNAUTHORIZED');
    await expect(attempt('203.0.113.7')).resolves.toMatchObject({ tokenType: 'Bearer' });
    await expect(attempt(addresses(1)[0]!)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('10 wrong passwords from one address block it for that email, before hashing, but not the owner elsewhere', async () => {
    const { attempt, hasher } = await loginWith();
    const [attacker] = addresses(1);
    for (let i = 0; i < 10; i++) expect((await rejectionOf(attempt(attacker!, `guess ${i}`))).code).toBe('UNAUTHORIZED');
    const verifies = hasher.verifies;
    expect(await rejectionOf(attempt(attacker!))).toMatchObject({ code: 'RATE_LIMITED', message: 'Too many sign-in attempts; try again later' });
    expect(hasher.verifies).toBe(verifies);
    await expect(attempt('203.0.113.7')).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('LOGIN_EMAIL_FAILURES_MAX from all addresses blocks the email, the owner too (the accepted trade), and lifts with the window', async () => {
    const { attempt, hasher, clock } = await loginWith(12);
    for (const address of addresses(4)) for (let i = 0; i < 3; i++) await rejectionOf(attempt(address, 'wrong'));
    const verifies = hasher.verifies;
    expect((await rejectionOf(attempt('203.0.113.7'))).code).toBe('RATE_LIMITED');
    expect(hasher.verifies).toBe(verifies);
    expect((await rejectionOf(attempt('203.0.113.7', PASSWORD, 'someone-else@example.com'))).code).toBe('UNAUTHORIZED');
    clock.advance(WINDOW * 1000);
    await expect(attempt('203.0.113.7')).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('counts unknown emails like wrong passwords, and no successful sign-in at all', async () => {
    const { attempt } = await loginWith(3);
    for (let i = 0; i < 5; i++) await attempt(`203.0.113.${i}`); // successes from 5 addresses: no failure counted
    await expect(attempt('203.0.113.99')).resolves.toMatchObject({ tokenType: 'Bearer' });
    for (const address of addresses(3)) expect((await rejectionOf(attempt(address, PASSWORD, 'nobody@example.com'))).code).toBe('UNAUTHORIZED');
    expect((await rejectionOf(attempt('203.0.113.99', PASSWORD, 'nobody@example.com'))).code).toBe('RATE_LIMITED');
  });

  it('every attempt from one address stays limited, successes included, whatever the email', async () => {
    const { attempt } = await loginWith();
    for (let i = 0; i < 10; i++) await attempt('192.0.2.1');
    expect((await rejectionOf(attempt('192.0.2.1', PASSWORD, 'other@example.com'))).code).toBe('RATE_LIMITED');
  });

  it('a sign-in refused because hashing is at capacity answers SERVICE_UNAVAILABLE and counts no failure', async () => {
    const scrypt = new ScryptPasswordHasher(CHEAP_SCRYPT, { maxConcurrent: 1, maxWaiting: 1 });
    const { attempt } = await loginWith(1, new CountingHasher(scrypt));
    // A check of a dear hash (its cost is in the hash) holds the only slot long enough; Login's
    // first dummy hash takes the one seat left in the waiting room.
    const dear = await new ScryptPasswordHasher({ N: 2 ** 16, r: 8, p: 1 }).hash('someone else');
    const busy = scrypt.verify('someone else', dear);
    expect(await rejectionOf(attempt('192.0.2.1', 'a wrong guess'))).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 });
    await busy;
    await expect(attempt('192.0.2.1')).resolves.toMatchObject({ tokenType: 'Bearer' }); // with 1 failure counted, it would be blocked
  });
});
