import { TEST_AUTH_SETTINGS } from '../../../support/http-app.ts';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { InMemoryCache } from '../../../../src/adapters/cache/in-memory-cache.ts';
import { InMemoryRateLimiter } from '../../../../src/adapters/rate-limit/in-memory-rate-limiter.ts';
import { SealedCursorCodec } from '../../../../src/adapters/security/sealed-cursor-codec.ts';
import { JoseTokenService } from '../../../../src/adapters/security/jose-token-service.ts';
import { loadSigningKey, type SigningKey } from '../../../../src/adapters/security/signing-key.ts';
import { PASSWORD_RESET_EMAIL, passwordResetEmail } from '../../../../src/application/jobs/handlers/password-reset-email.ts';
import type { Mail, Mailer } from '../../../../src/application/ports/mailer.ts';
import { RESET_MAILS_PER_EMAIL, RESET_MAILS_PER_EMAIL_AND_ADDRESS } from '../../../../src/application/auth/request-password-reset.ts';
import type { User } from '../../../../src/domain/user.ts';
import { createUseCases } from '../../../../src/composition/use-cases.ts';
import { userCache } from '../../../../src/application/shared/cached-entities.ts';
import { aUser } from '../../../support/builders.ts';
import { CollectingMailer } from '../../../support/collecting-mailer.ts';
import { FixedClock } from '../../../support/fixed-clock.ts';
import { InMemoryUnitOfWork } from '../../../support/in-memory-unit-of-work.ts';
import { SequentialIds } from '../../../support/sequential-ids.ts';
import { CountingHasher } from '../counting-ports.ts';
import { rejectionOf, seed, stored } from '../harness.ts';

const OLD_PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new passphrase';
const TTL_SECONDS = 1800;
const PUBLIC_URL = 'https://users.example.com/app/';
const ADDRESS = '192.0.2.7';


/** A mailer whose next `failures` sends throw, as an SMTP server refusing would. */
class FlakyMailer implements Mailer {
  readonly inner = new CollectingMailer();
  failures = 0;
  async send(mail: Mail): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('451 try again later');
    }
    await this.inner.send(mail);
  }
}

let signingKey: SigningKey;
let oldHash: string;
beforeAll(async () => {
  signingKey = await loadSigningKey();
  oldHash = await new CountingHasher().hash(OLD_PASSWORD);
});

/** The real use cases over in-process adapters (as createUseCases wires them), and the mail job's handler. */
async function setup(build: (user: ReturnType<typeof aUser>) => ReturnType<typeof aUser> = (user) => user) {
  const uow = new InMemoryUnitOfWork();
  const clock = new FixedClock();
  const hasher = new CountingHasher();
  const mailer = new FlakyMailer();
  const cache = new InMemoryCache(clock);
  const useCases = createUseCases({
    uow,
    ids: new SequentialIds(),
    clock,
    hasher,
    cursors: new SealedCursorCodec('unit-test-cursor-secret'),
    tokens: new JoseTokenService(signingKey, { issuer: 'i', audience: 'a', accessTtlSeconds: 900 }),
    limiter: new InMemoryRateLimiter(clock),
    auth: { ...TEST_AUTH_SETTINGS, loginLimit: { max: 10, windowSeconds: 900 } }, // requests per address
    cache,
    cacheTtlSeconds: 3600,
  });
  const handler = passwordResetEmail({ uow, mailer, clock, passwordReset: { ttlSeconds: TTL_SECONDS, publicUrl: PUBLIC_URL } });
  const alice: User = build(aUser().withEmail('alice@example.com').withName('Alice').withPasswordHash(oldHash)).build();
  await seed(uow, alice);
  const request = (email: string, clientAddress = ADDRESS) => useCases.auth.requestPasswordReset.execute({ email, clientAddress });
  const confirm = (token: string, password = NEW_PASSWORD) => useCases.auth.confirmPasswordReset.execute({ token, password });
  const jobs = () => [...uow.jobs.rows.values()].map((row) => row.job);
  /** Runs every queued reset job once, in order, as a worker would (a throw is the job failing). */
  const runJobs = async () => {
    for (const job of jobs().filter((job) => job.status === 'queued')) {
      await handler(job, { signal: new AbortController().signal });
      uow.jobs.rows.set(job.id, { job: { ...job, status: 'succeeded' }, result: null });
    }
  };
  const sent = () => mailer.inner.sent;
  const tokenOf = (mail: Mail) => {
    const match = /https:\/\/users\.example\.com\/app\/reset-password\?token=([A-Za-z0-9_-]{43})\n/.exec(mail.text);
    if (!match) throw new Error(`no reset link in: ${mail.text}`);
    return match[1]!;
  };
  const login = (password: string) => useCases.auth.login.execute({ email: alice.email, password, clientAddress: ADDRESS });
  // The cached users as the use cases see them: the same cache, the same keys.
  const users = userCache({ cache, uow, ttlSeconds: 3600 });
  return { uow, clock, hasher, mailer, useCases, users, handler, alice, request, confirm, jobs, runJobs, sent, tokenOf, login };
}

describe('requesting a password reset', () => {
  it('queues one mail job for the address, in the request, and the job mails a single link under PUBLIC_URL', async () => {
    const t = await setup();
    await t.request('  ALICE@Example.com ');
    const [job] = t.jobs();
    expect(t.jobs()).toHaveLength(1);
    expect(job).toMatchObject({ type: PASSWORD_RESET_EMAIL, data: { email: 'alice@example.com' }, ownerId: null, status: 'queued', maxAttempts: 5 });
    expect([...t.uow.outbox.jobRows.values()].map((row) => row.job)).toEqual([{ id: job!.id, type: PASSWORD_RESET_EMAIL }]);
    expect(t.sent()).toEqual([]); // nothing is mailed inline

    await t.runJobs();
    const [mail] = t.sent();
    expect(mail).toMatchObject({ to: 'alice@example.com', subject: 'Reset your password', idempotencyKey: job!.id });
    expect(mail!.text).toContain('within 30 minutes');
    const secret = t.tokenOf(mail!);
    // Only the digest is stored, and the job's row never held the secret.
    const [row] = [...t.uow.passwordResetTokens.rows.values()];
    expect(row!.token).toMatchObject({ userId: t.alice.id, tokenHash: createHash('sha256').update(secret).digest('hex') });
    expect(row!.token.expiresAt.getTime() - row!.token.createdAt.getTime()).toBe(TTL_SECONDS * 1000);
    expect(JSON.stringify(t.jobs())).not.toContain(secret);
  });

  it('answers an unknown address exactly as a known one (a job queued), and its job mails nothing', async () => {
    const t = await setup();
    await expect(t.request('nobody@example.com')).resolves.toBeUndefined();
    expect(t.jobs()).toHaveLength(1);
    await t.runJobs();
    expect(t.sent()).toEqual([]);
    expect(t.uow.passwordResetTokens.rows.size).toBe(0);
  });

  it('mails nothing to a suspended user', async () => {
    const t = await setup((user) => user.withStatus('suspended'));
    await t.request('alice@example.com');
    await t.runJobs();
    expect(t.sent()).toEqual([]);
  });

  it('refuses an address that cannot be anyone, on `email`, before any limit or job', async () => {
    const t = await setup();
    expect(await rejectionOf(t.request('not an address'))).toMatchObject({ code: 'VALIDATION_ERROR', fields: { email: expect.any(String) } });
    expect(await rejectionOf(t.request('nul\u0000@example.com'))).toMatchObject({ fields: { email: expect.any(String) } });
    expect(t.jobs()).toHaveLength(0);
  });

  it(`mails one address at most ${RESET_MAILS_PER_EMAIL.max} times an hour, from any client, then quietly nothing`, async () => {
    const t = await setup();
    for (let i = 0; i < RESET_MAILS_PER_EMAIL.max + 2; i++) await t.request('alice@example.com', `192.0.2.${i + 10}`);
    expect(t.jobs()).toHaveLength(RESET_MAILS_PER_EMAIL.max);
    t.clock.advance(RESET_MAILS_PER_EMAIL.windowSeconds * 1000);
    await t.request('alice@example.com');
    expect(t.jobs()).toHaveLength(RESET_MAILS_PER_EMAIL.max + 1);
  });

  it(`a stranger asking over and over from one address uses up only its own ${RESET_MAILS_PER_EMAIL_AND_ADDRESS.max}: the owner's request from elsewhere is still mailed`, async () => {
    const t = await setup();
    for (let i = 0; i < 8; i++) await t.request('alice@example.com', '198.51.100.66');
    expect(t.jobs()).toHaveLength(RESET_MAILS_PER_EMAIL_AND_ADDRESS.max);
    await t.request('alice@example.com', '203.0.113.5');
    expect(t.jobs()).toHaveLength(RESET_MAILS_PER_EMAIL_AND_ADDRESS.max + 1);
  });

  it('limits requests per client address like sign-in (LOGIN_RATE_LIMIT_*): 429 with a retry time', async () => {
    const t = await setup();
    for (let i = 0; i < 10; i++) await t.request(`someone${i}@example.com`);
    const refused = await rejectionOf(t.request('alice@example.com'));
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 900 });
    await expect(t.request('alice@example.com', '192.0.2.99')).resolves.toBeUndefined();
  });

  it('a failed delivery fails the job; its retry mails a new token and the undelivered one is void', async () => {
    const t = await setup();
    await t.request('alice@example.com');
    t.mailer.failures = 1;
    const [job] = t.jobs();
    await expect(t.handler(job!, { signal: new AbortController().signal })).rejects.toThrow('451');
    const undelivered = [...t.uow.passwordResetTokens.rows.values()][0]!.token.tokenHash;
    await t.handler(job!, { signal: new AbortController().signal });
    expect(t.sent()).toHaveLength(1);
    expect([...t.uow.passwordResetTokens.rows.values()][0]!.token.tokenHash).not.toBe(undelivered);
    await expect(t.confirm(t.tokenOf(t.sent()[0]!))).resolves.toBeUndefined();
  });
});

describe('confirming a password reset', () => {
  async function mailedToken(t: Awaited<ReturnType<typeof setup>>): Promise<string> {
    await t.request('alice@example.com');
    await t.runJobs();
    return t.tokenOf(t.sent().at(-1)!);
  }

  it('sets the password, ends every session (refresh and access tokens), writes through the cache and records user.updated', async () => {
    const t = await setup();
    const sessions = [await t.login(OLD_PASSWORD), await t.login(OLD_PASSWORD)];
    for (const session of sessions) await t.useCases.auth.authenticate.execute(session.accessToken); // cached as open
    await t.useCases.users.get.execute({ id: t.alice.id }, { userId: t.alice.id, role: 'member' }); // cached user
    const token = await mailedToken(t);

    await t.confirm(token);

    expect((await rejectionOf(t.login(OLD_PASSWORD))).code).toBe('UNAUTHORIZED');
    await expect(t.login(NEW_PASSWORD)).resolves.toMatchObject({ tokenType: 'Bearer' });
    for (const session of sessions) {
      expect((await rejectionOf(t.useCases.auth.authenticate.execute(session.accessToken))).code).toBe('UNAUTHORIZED');
      expect((await rejectionOf(t.useCases.auth.refresh.execute({ refreshToken: session.refreshToken }))).code).toBe('UNAUTHORIZED');
    }
    const after = await stored(t.uow, t.alice.id);
    expect(after!.version).toBe(t.alice.version + 1);
    expect(await t.users.get(t.alice.id)).toMatchObject({ version: t.alice.version + 1 });
    const events = [...t.uow.outbox.rows.values()].map((row) => row.event);
    expect(events.filter((event) => event.type === 'user.updated' && event.data.id === t.alice.id)).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(after!.passwordHash!);
  });

  it('takes a token once: a second use is 400 on `token`, and hashes nothing', async () => {
    const t = await setup();
    const token = await mailedToken(t);
    await t.confirm(token);
    const hashes = t.hasher.hashes;
    expect(await rejectionOf(t.confirm(token, 'yet another passphrase'))).toMatchObject({ code: 'VALIDATION_ERROR', fields: { token: expect.any(String) } });
    expect(t.hasher.hashes).toBe(hashes);
    await expect(t.login(NEW_PASSWORD)).resolves.toBeDefined();
  });

  it('lets one of two concurrent confirmations win; the other is 400 on `token`', async () => {
    const t = await setup();
    const token = await mailedToken(t);
    const outcomes = await Promise.allSettled([t.confirm(token, 'first new passphrase'), t.confirm(token, 'second new passphrase')]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ fields: { token: expect.any(String) } });
  });

  it('refuses an expired token (from its expiry on), an unknown one and a voided one, all alike', async () => {
    const t = await setup();
    const first = await mailedToken(t);
    const second = await mailedToken(t);
    const invalid = { code: 'VALIDATION_ERROR', fields: { token: 'The password-reset token is invalid, expired or already used' } };
    expect(await rejectionOf(t.confirm(first))).toMatchObject(invalid); // voided by the second mail
    expect(await rejectionOf(t.confirm('A'.repeat(43)))).toMatchObject(invalid);
    t.clock.advance(TTL_SECONDS * 1000);
    expect(await rejectionOf(t.confirm(second))).toMatchObject(invalid);
    await expect(t.login(OLD_PASSWORD)).resolves.toBeDefined();
  });

  it('checks the password with the usual rules first, leaving the token usable', async () => {
    const t = await setup();
    const token = await mailedToken(t);
    expect(await rejectionOf(t.confirm(token, 'short'))).toMatchObject({ code: 'VALIDATION_ERROR', fields: { password: 'Password must be at least 8 characters' } });
    expect(await rejectionOf(t.confirm(token, 'x'.repeat(129)))).toMatchObject({ fields: { password: expect.any(String) } });
    await expect(t.confirm(token)).resolves.toBeUndefined();
  });

  it('refuses the token of a user suspended since it was mailed, and of a deleted user', async () => {
    const t = await setup();
    const token = await mailedToken(t);
    t.uow.users.rows.set(t.alice.id, { ...t.alice, status: 'suspended' });
    expect(await rejectionOf(t.confirm(token))).toMatchObject({ fields: { token: expect.any(String) } });
    t.uow.users.rows.set(t.alice.id, t.alice);
    await t.uow.transaction((repos) => repos.users.remove(t.alice.id, t.alice.version));
    expect(await rejectionOf(t.confirm(token))).toMatchObject({ fields: { token: expect.any(String) } });
  });
});
