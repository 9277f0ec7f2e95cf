import { beforeAll, describe, expect, it } from 'vitest';
import { InMemoryRateLimiter } from '../../../../src/adapters/rate-limit/in-memory-rate-limiter.ts';
import { JoseTokenService } from '../../../../src/adapters/security/jose-token-service.ts';
import { loadSigningKey, type SigningKey } from '../../../../src/adapters/security/signing-key.ts';
import { inMemoryCaches } from '../../../support/caches.ts';
import { Authenticate } from '../../../../src/application/auth/authenticate.ts';
import { CreateUser } from '../../../../src/application/users/create-user.ts';
import { Login, type LoginInput } from '../../../../src/application/auth/login.ts';
import { Logout } from '../../../../src/application/auth/logout.ts';
import { RefreshSession } from '../../../../src/application/auth/refresh-session.ts';
import { SignInFailures } from '../../../../src/application/auth/sign-in-failures.ts';
import { Register, type RegisterInput } from '../../../../src/application/auth/register.ts';
import type { User } from '../../../../src/domain/user.ts';
import { aUser } from '../../../support/builders.ts';
import { FixedClock } from '../../../support/fixed-clock.ts';
import { InMemoryUnitOfWork } from '../../../support/in-memory-unit-of-work.ts';
import { SequentialIds } from '../../../support/sequential-ids.ts';
import { CountingHasher, Gate } from '../counting-ports.ts';
import { changeUser, type UserChanges } from '../../../../src/domain/user.ts';
import { rejectionOf, seed, stored } from '../harness.ts';

const ACCESS_TTL_SECONDS = 900;
const REFRESH_TTL_SECONDS = 86_400;
const PASSWORD = 'correct horse battery';
const ADDRESS = '192.0.2.200';

let signingKey: SigningKey;
let passwordHash: string;

beforeAll(async () => {
  signingKey = await loadSigningKey();
  passwordHash = await new CountingHasher().hash(PASSWORD);
});

/** The auth use cases over the in-memory unit of work, real jose tokens and cheap scrypt. */
type Limits = {
  loginLimit?: { max: number; windowSeconds: number };
  loginEmailFailuresMax?: number;
  registerLimit?: { max: number; windowSeconds: number };
  hasher?: CountingHasher;
};

function makeAuth({ loginLimit = { max: 1000, windowSeconds: 900 }, loginEmailFailuresMax = 1000, registerLimit = { max: 1000, windowSeconds: 3600 }, hasher = new CountingHasher() }: Limits = {}) {
  const uow = new InMemoryUnitOfWork();
  const clock = new FixedClock();
  const ids = new SequentialIds();
  const tokens = new JoseTokenService(signingKey, { issuer: 'i', audience: 'a', accessTtlSeconds: ACCESS_TTL_SECONDS });
  const { access, users } = inMemoryCaches(uow, clock);
  const session = { tokens, ids, clock, refreshTtlSeconds: REFRESH_TTL_SECONDS };
  const limiter = new InMemoryRateLimiter(clock);
  const failures = new SignInFailures({ limiter, limits: { perAddress: loginLimit.max, perEmail: loginEmailFailuresMax, windowSeconds: loginLimit.windowSeconds } });
  return {
    uow,
    clock,
    hasher,
    tokens,
    access,
    login: new Login({ ...session, uow, hasher, limiter, loginLimit, failures }),
    refresh: new RefreshSession({ ...session, uow, access }),
    logout: new Logout({ uow, clock, access }),
    authenticate: new Authenticate({ tokens, access }),
    register: new Register({ create: new CreateUser({ uow, ids, clock, hasher, users }), limiter, registerLimit }),
  };
}

type Auth = ReturnType<typeof makeAuth>;

async function withAlice(build: (user: ReturnType<typeof aUser>) => ReturnType<typeof aUser> = (user) => user, auth: Auth = makeAuth()) {
  const alice = build(aUser().withEmail('alice@example.com').withPasswordHash(passwordHash)).build();
  await seed(auth.uow, alice);
  return { auth, alice };
}

function loginAs(auth: Auth, user: User, overrides: Partial<LoginInput> = {}) {
  return auth.login.execute({ email: user.email, password: PASSWORD, clientAddress: '192.0.2.1', ...overrides });
}

/** Replaces the committed row, as another request's committed change would. */
function change(auth: Auth, user: User, changes: Partial<User>): void {
  auth.uow.users.rows.set(user.id, { ...user, ...changes });
}

describe('a sign-in racing a change of the account', () => {
  // The password is checked outside any transaction (it is slow); the change lands during the check.
  const changes: [string, UserChanges][] = [
    ['a new password', { passwordHash: 'scrypt$1024$8$1$c2FsdA$a2V5' }],
    ['a suspension', { status: 'suspended' }],
  ];
  for (const [what, change] of changes) {
    it(`opens no session when ${what} commits while the old password is being checked`, async () => {
      const checking = new Gate();
      const reached = new Gate();
      const slow = new (class extends CountingHasher {
        override async verify(password: string, hash: string): Promise<boolean> {
          reached.open();
          await checking.opened;
          return super.verify(password, hash);
        }
      })();
      const auth = makeAuth({ hasher: slow });
      const user = aUser().withEmail('racer@example.com').withPasswordHash(passwordHash).build();
      await seed(auth.uow, user);

      const attempt = auth.login.execute({ email: user.email, password: PASSWORD, clientAddress: ADDRESS });
      await reached.opened;
      await auth.uow.transaction((repos) => repos.users.update(changeUser(user, change, auth.clock.now()), user.version));
      checking.open();

      expect((await rejectionOf(attempt)).code).toBe('UNAUTHORIZED');
      expect(await auth.uow.read((repos) => repos.refreshTokens.liveSessions(user.id, auth.clock.now()))).toEqual([]);
    });
  }
});

describe('sessions', () => {
  describe('login', () => {
    it('answers Bearer tokens whose access token verifies and names the user and the new session', async () => {
      const { auth, alice } = await withAlice();
      const tokens = await loginAs(auth, alice);
      expect(tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: ACCESS_TTL_SECONDS });
      expect(tokens.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const rows = [...auth.uow.refreshTokens.rows.values()];
      expect(rows).toHaveLength(1);
      const principal = await auth.tokens.verifyAccessToken(tokens.accessToken);
      expect(principal).toMatchObject({ userId: alice.id, email: alice.email, role: 'member', sessionId: rows[0]?.token.sessionId });
      expect(await auth.authenticate.execute(tokens.accessToken)).toMatchObject({ userId: alice.id });
      // Only a digest of the refresh token is stored.
      expect(rows[0]?.token.tokenHash).not.toContain(tokens.refreshToken);
      expect(rows[0]?.token.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('accepts the email in another case and with spaces around it', async () => {
      const { auth, alice } = await withAlice();
      await expect(loginAs(auth, alice, { email: '  ALICE@Example.COM ' })).resolves.toMatchObject({ tokenType: 'Bearer' });
    });

    it('each login is a session of its own', async () => {
      const { auth, alice } = await withAlice();
      const first = await auth.tokens.verifyAccessToken((await loginAs(auth, alice)).accessToken);
      const second = await auth.tokens.verifyAccessToken((await loginAs(auth, alice)).accessToken);
      expect(first.sessionId).not.toBe(second.sessionId);
    });

    it('unknown email and wrong password get the same error', async () => {
      const { auth, alice } = await withAlice();
      const unknown = await rejectionOf(loginAs(auth, alice, { email: 'nobody@example.com' }));
      const wrong = await rejectionOf(loginAs(auth, alice, { password: 'not the password' }));
      expect(unknown).toMatchObject({ code: 'UNAUTHORIZED', message: 'Invalid email or password' });
      expect(wrong).toMatchObject({ code: 'UNAUTHORIZED', message: unknown.message });
      expect(auth.uow.refreshTokens.rows.size).toBe(0);
    });

    it('hashes nothing until the first sign-in, which makes the dummy hash once', async () => {
      const { auth, alice } = await withAlice();
      expect(auth.hasher.hashes).toBe(0);
      await loginAs(auth, alice);
      await rejectionOf(loginAs(auth, alice, { email: 'nobody@example.com' }));
      await rejectionOf(loginAs(auth, alice, { email: 'nobody-else@example.com' }));
      expect(auth.hasher.hashes).toBe(1);
    });

    it('an unknown email still runs exactly one password verification, as a known one does', async () => {
      const { auth, alice } = await withAlice();
      await rejectionOf(loginAs(auth, alice, { email: 'nobody@example.com' }));
      expect(auth.hasher.verifies).toBe(1);
      await rejectionOf(loginAs(auth, alice, { password: 'not the password' }));
      expect(auth.hasher.verifies).toBe(2);
    });

    it('a user without a password cannot log in, whatever password is sent', async () => {
      const { auth, alice } = await withAlice((user) => user.withPasswordHash(null));
      for (const password of [PASSWORD, '', 'anything']) {
        expect(await rejectionOf(loginAs(auth, alice, { password }))).toMatchObject({ code: 'UNAUTHORIZED', message: 'Invalid email or password' });
      }
      expect(auth.hasher.verifies).toBe(3);
      expect(auth.uow.refreshTokens.rows.size).toBe(0);
    });

    it('a suspended user cannot log in, even with the right password', async () => {
      const { auth, alice } = await withAlice((user) => user.withStatus('suspended'));
      expect((await rejectionOf(loginAs(auth, alice))).code).toBe('UNAUTHORIZED');
      expect(auth.uow.refreshTokens.rows.size).toBe(0);
    });

    it('an inactive user can log in', async () => {
      const { auth, alice } = await withAlice((user) => user.withStatus('inactive'));
      const tokens = await loginAs(auth, alice);
      expect(await auth.authenticate.execute(tokens.accessToken)).toMatchObject({ userId: alice.id });
    });
  });

  describe('login rate limit', () => {
    it('the third attempt from one address is RATE_LIMITED, with a positive retry-after, before any hashing', async () => {
      const { auth, alice } = await withAlice(undefined, makeAuth({ loginLimit: { max: 2, windowSeconds: 900 } }));
      const clientAddress = '198.51.100.7';
      await loginAs(auth, alice, { clientAddress });
      await rejectionOf(loginAs(auth, alice, { clientAddress, email: 'nobody@example.com' }));
      const verifies = auth.hasher.verifies;
      const limited = await rejectionOf(loginAs(auth, alice, { clientAddress, email: 'someone-else@example.com' }));
      expect(limited).toMatchObject({ code: 'RATE_LIMITED' });
      expect((limited as unknown as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
      expect((limited as unknown as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(900);
      expect(auth.hasher.verifies).toBe(verifies);
      // Even the right password is refused while limited.
      expect((await rejectionOf(loginAs(auth, alice, { clientAddress }))).code).toBe('RATE_LIMITED');
      // Another address is not affected.
      await expect(loginAs(auth, alice, { clientAddress: '203.0.113.9' })).resolves.toMatchObject({ tokenType: 'Bearer' });
    });

    it('failures for one email from all addresses together are bounded too, whatever its case', async () => {
      const { auth, alice } = await withAlice(undefined, makeAuth({ loginEmailFailuresMax: 2 }));
      await rejectionOf(loginAs(auth, alice, { clientAddress: '198.51.100.1', password: 'guess one' }));
      await rejectionOf(loginAs(auth, alice, { clientAddress: '198.51.100.2', email: ' ALICE@example.com', password: 'guess two' }));
      const limited = await rejectionOf(loginAs(auth, alice, { clientAddress: '198.51.100.3' }));
      expect(limited.code).toBe('RATE_LIMITED');
      // Another email from a fresh address still gets through to the password check.
      expect((await rejectionOf(loginAs(auth, alice, { clientAddress: '198.51.100.4', email: 'bob@example.com' }))).code).toBe('UNAUTHORIZED');
    });

    it('the limit lifts when the window has passed', async () => {
      const { auth, alice } = await withAlice(undefined, makeAuth({ loginLimit: { max: 2, windowSeconds: 900 } }));
      await loginAs(auth, alice);
      await loginAs(auth, alice);
      expect((await rejectionOf(loginAs(auth, alice))).code).toBe('RATE_LIMITED');
      auth.clock.advance(900_000);
      await expect(loginAs(auth, alice)).resolves.toMatchObject({ tokenType: 'Bearer' });
    });
  });

  describe('refresh', () => {
    it('rotates: a new refresh token of the same session, and a fresh access token', async () => {
      const { auth, alice } = await withAlice();
      const first = await loginAs(auth, alice);
      const second = await auth.refresh.execute({ refreshToken: first.refreshToken });
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.accessToken).not.toBe(first.accessToken);
      const before = await auth.tokens.verifyAccessToken(first.accessToken);
      const after = await auth.tokens.verifyAccessToken(second.accessToken);
      expect(after.sessionId).toBe(before.sessionId);
      expect(after.userId).toBe(alice.id);
      // The new one rotates again.
      await expect(auth.refresh.execute({ refreshToken: second.refreshToken })).resolves.toMatchObject({ tokenType: 'Bearer' });
    });

    it('issues the access token with the current role', async () => {
      const { auth, alice } = await withAlice();
      const tokens = await loginAs(auth, alice);
      change(auth, alice, { role: 'admin' });
      const refreshed = await auth.refresh.execute({ refreshToken: tokens.refreshToken });
      expect((await auth.tokens.verifyAccessToken(refreshed.accessToken)).role).toBe('admin');
    });

    it('a used refresh token is UNAUTHORIZED and revokes the whole session, access tokens included', async () => {
      const { auth, alice } = await withAlice();
      const first = await loginAs(auth, alice);
      const second = await auth.refresh.execute({ refreshToken: first.refreshToken });
      const otherSession = await loginAs(auth, alice);

      expect((await rejectionOf(auth.refresh.execute({ refreshToken: first.refreshToken }))).code).toBe('UNAUTHORIZED');
      // The newest token of the session is dead too, and so are its access tokens.
      expect((await rejectionOf(auth.refresh.execute({ refreshToken: second.refreshToken }))).code).toBe('UNAUTHORIZED');
      expect((await rejectionOf(auth.authenticate.execute(second.accessToken))).code).toBe('UNAUTHORIZED');
      expect((await rejectionOf(auth.authenticate.execute(first.accessToken))).code).toBe('UNAUTHORIZED');
      // Another login of the same user is untouched.
      await expect(auth.authenticate.execute(otherSession.accessToken)).resolves.toMatchObject({ userId: alice.id });
      await expect(auth.refresh.execute({ refreshToken: otherSession.refreshToken })).resolves.toMatchObject({ tokenType: 'Bearer' });
    });

    it('an unknown refresh token is UNAUTHORIZED', async () => {
      const { auth } = await withAlice();
      const error = await rejectionOf(auth.refresh.execute({ refreshToken: 'not-a-token-we-issued' }));
      expect(error).toMatchObject({ code: 'UNAUTHORIZED', message: 'Invalid or expired refresh token' });
    });

    it('an expired refresh token is UNAUTHORIZED; one just before its expiry still works', async () => {
      const { auth, alice } = await withAlice();
      const early = await loginAs(auth, alice);
      const late = await loginAs(auth, alice);
      auth.clock.advance(REFRESH_TTL_SECONDS * 1000 - 1);
      await expect(auth.refresh.execute({ refreshToken: early.refreshToken })).resolves.toMatchObject({ tokenType: 'Bearer' });
      auth.clock.advance(1);
      const error = await rejectionOf(auth.refresh.execute({ refreshToken: late.refreshToken }));
      expect(error).toMatchObject({ code: 'UNAUTHORIZED', message: 'Invalid or expired refresh token' });
    });

    it('a suspended user cannot refresh', async () => {
      const { auth, alice } = await withAlice();
      const tokens = await loginAs(auth, alice);
      change(auth, alice, { status: 'suspended' });
      expect((await rejectionOf(auth.refresh.execute({ refreshToken: tokens.refreshToken }))).code).toBe('UNAUTHORIZED');
      // Reinstated, the used-up token still does not come back to life.
      change(auth, alice, { status: 'active' });
      expect((await rejectionOf(auth.refresh.execute({ refreshToken: tokens.refreshToken }))).code).toBe('UNAUTHORIZED');
    });

    it('an inactive user can refresh', async () => {
      const { auth, alice } = await withAlice((user) => user.withStatus('inactive'));
      const tokens = await loginAs(auth, alice);
      await expect(auth.refresh.execute({ refreshToken: tokens.refreshToken })).resolves.toMatchObject({ tokenType: 'Bearer' });
    });
  });

  describe('logout', () => {
    it('revokes the session: its refresh token and its access tokens stop working, other sessions do not', async () => {
      const { auth, alice } = await withAlice();
      const tokens = await loginAs(auth, alice);
      const other = await loginAs(auth, alice);
      await auth.authenticate.execute(tokens.accessToken);
      await auth.logout.execute({ refreshToken: tokens.refreshToken });
      expect((await rejectionOf(auth.refresh.execute({ refreshToken: tokens.refreshToken }))).code).toBe('UNAUTHORIZED');
      expect((await rejectionOf(auth.authenticate.execute(tokens.accessToken))).code).toBe('UNAUTHORIZED');
      await expect(auth.authenticate.execute(other.accessToken)).resolves.toMatchObject({ userId: alice.id });
      await expect(auth.refresh.execute({ refreshToken: other.refreshToken })).resolves.toMatchObject({ tokenType: 'Bearer' });
    });

    it('with an already rotated token still ends the session, newest token included', async () => {
      const { auth, alice } = await withAlice();
      const first = await loginAs(auth, alice);
      const second = await auth.refresh.execute({ refreshToken: first.refreshToken });
      await auth.logout.execute({ refreshToken: first.refreshToken });
      expect((await rejectionOf(auth.refresh.execute({ refreshToken: second.refreshToken }))).code).toBe('UNAUTHORIZED');
      expect((await rejectionOf(auth.authenticate.execute(second.accessToken))).code).toBe('UNAUTHORIZED');
    });

    it('is silent for an unknown token, and a second logout too', async () => {
      const { auth, alice } = await withAlice();
      const tokens = await loginAs(auth, alice);
      await expect(auth.logout.execute({ refreshToken: 'never issued' })).resolves.toBeUndefined();
      await auth.logout.execute({ refreshToken: tokens.refreshToken });
      await expect(auth.logout.execute({ refreshToken: tokens.refreshToken })).resolves.toBeUndefined();
    });
  });

  describe('register', () => {
    it('creates an active member with a password hash, who can then log in', async () => {
      const auth = makeAuth();
      const user = await auth.register.execute({ name: 'Dana', email: 'Dana@Example.com', password: PASSWORD, clientAddress: ADDRESS });
      expect(user).toMatchObject({ name: 'Dana', email: 'dana@example.com', role: 'member', status: 'active' });
      const row = await stored(auth.uow, user.id);
      expect(row).toEqual(user);
      expect(await auth.hasher.verify(PASSWORD, row?.passwordHash as string)).toBe(true);
      await expect(loginAs(auth, user)).resolves.toMatchObject({ tokenType: 'Bearer' });
    });

    it('takes only name, email and password: a smuggled role or status grants nothing', async () => {
      const auth = makeAuth();
      const input = { name: 'Mallory', email: 'mallory@example.com', password: PASSWORD, clientAddress: ADDRESS, role: 'admin', status: 'inactive' };
      const user = await auth.register.execute(input as RegisterInput);
      expect(user).toMatchObject({ role: 'member', status: 'active' });
      expect(await stored(auth.uow, user.id)).toMatchObject({ role: 'member', status: 'active' });
    });

    it('refuses an email in use, and an invalid password, storing nothing', async () => {
      const { auth } = await withAlice();
      expect((await rejectionOf(auth.register.execute({ name: 'Al', email: 'ALICE@example.com', password: PASSWORD, clientAddress: ADDRESS }))).code).toBe('CONFLICT');
      expect((await rejectionOf(auth.register.execute({ name: 'Al', email: 'al@example.com', password: 'short', clientAddress: ADDRESS }))).code).toBe('VALIDATION_ERROR');
      expect(auth.uow.users.rows.size).toBe(1);
    });

    it('sign-ups per address: past REGISTER_RATE_LIMIT_MAX, RATE_LIMITED before any hashing; other addresses and a later window are free', async () => {
      const auth = makeAuth({ registerLimit: { max: 2, windowSeconds: 3600 } });
      const signUp = (n: number, clientAddress = ADDRESS) =>
        auth.register.execute({ name: `User ${n}`, email: `user-${n}@example.com`, password: PASSWORD, clientAddress });
      await signUp(1);
      expect((await rejectionOf(signUp(1))).code).toBe('CONFLICT'); // a refused attempt counts too
      const hashes = auth.hasher.hashes;
      const limited = await rejectionOf(signUp(2));
      expect(limited).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 3600 });
      expect(auth.hasher.hashes).toBe(hashes);
      await expect(signUp(3, '203.0.113.50')).resolves.toMatchObject({ email: 'user-3@example.com' });
      auth.clock.advance(3600_000);
      await expect(signUp(4)).resolves.toMatchObject({ email: 'user-4@example.com' });
    });
  });
});
