import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootService, type BootedService } from '../../support/booted-service.ts';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../support/smtp-server.ts';
import { until } from '../../support/until.ts';

const PUBLIC_URL = 'https://users.example.test/app';
const OLD_PASSWORD = 'the first passphrase';
const NEW_PASSWORD = 'a brand new passphrase';
const RESET_LINK = /^https:\/\/users\.example\.test\/app\/reset-password\?token=([A-Za-z0-9_-]{43})$/m;

type Tokens = { accessToken: string; refreshToken: string };

/**
 * Password reset through the real composition root (PGlite, in-process queue and workers), with
 * SMTP_URL pointing at a real SMTP server this test runs: every mail leaves over the wire and
 * the link is read from what the server received.
 */
describe('password reset, mailed over SMTP', () => {
  let smtp: TestSmtpServer;
  let service: BootedService;
  let serial = 0;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await bootService({ DATA_DIR: 'memory', SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'Users <no-reply@users.example.test>' });
  });
  afterAll(async () => {
    await service?.close();
    await smtp?.close();
  });

  async function signUp(): Promise<string> {
    const email = `reset-${++serial}@example.com`;
    const res = await service.call('POST', '/api/auth/register', { json: { name: `Person ${serial}`, email, password: OLD_PASSWORD } });
    expect(res.status).toBe(201);
    return email;
  }

  async function login(email: string, password: string): Promise<Response> {
    return service.call('POST', '/api/auth/login', { json: { email, password } });
  }

  async function session(email: string): Promise<Tokens> {
    const res = await login(email, OLD_PASSWORD);
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: Tokens }).data;
  }

  const resetMails = (email: string) => smtp.received.filter((mail) => mail.envelopeTo.includes(email) && mail.message.subject === 'Reset your password');

  /** Asks for a reset and waits for the mail it causes (the `count`-th reset mail to `email`); returns its token. */
  async function requestReset(email: string): Promise<string> {
    const count = resetMails(email).length + 1;
    const res = await service.call('POST', '/api/auth/password-reset', { json: { email } });
    expect(res.status).toBe(202);
    await until(() => resetMails(email).length >= count, 10_000, `reset mail ${count} to ${email}`);
    return tokenIn(resetMails(email)[count - 1]!);
  }

  function tokenIn(mail: ReceivedMail): string {
    const match = RESET_LINK.exec(mail.message.text ?? '');
    if (!match) throw new Error(`no reset link under PUBLIC_URL in: ${mail.message.text}`);
    return match[1]!;
  }

  const confirm = (token: string, password = NEW_PASSWORD) => service.call('POST', '/api/auth/password-reset/confirm', { json: { token, password } });

  const sql = (statement: string, params: unknown[] = []) => service.database.orm.em.fork().getConnection().execute(statement, params);

  async function expectInvalidToken(res: Response): Promise<void> {
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(body.error.fields)).toEqual(['token']);
  }

  it('welcomes a new user over SMTP too', async () => {
    const email = await signUp();
    const mail = await smtp.mailTo(email, (received) => received.message.subject?.startsWith('Welcome') ?? false);
    expect(mail.message.from?.value).toEqual([{ name: 'Users', address: 'no-reply@users.example.test' }]);
    expect(mail.message.text).toContain(email);
  });

  it('mails a link under PUBLIC_URL; confirming sets the password, ends every session, and the token is single-use', async () => {
    const email = await signUp();
    const sessions = [await session(email), await session(email)];
    const token = await requestReset(email);

    const res = await confirm(token);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');

    expect((await login(email, OLD_PASSWORD)).status).toBe(401);
    expect((await login(email, NEW_PASSWORD)).status).toBe(200);
    for (const { accessToken, refreshToken } of sessions) {
      expect((await service.call('GET', '/api/auth/me', { token: accessToken })).status).toBe(401);
      expect((await service.call('POST', '/api/auth/refresh', { json: { refreshToken } })).status).toBe(401);
    }
    await expectInvalidToken(await confirm(token, 'yet another passphrase'));
    expect((await login(email, NEW_PASSWORD)).status).toBe(200);
    // Only a digest is stored.
    const rows = (await sql('select token_hash from password_reset_tokens')) as { token_hash: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('answers an unknown address with the same 202, and mails nothing', async () => {
    const email = await signUp();
    const known = await service.call('POST', '/api/auth/password-reset', { json: { email } });
    const unknown = await service.call('POST', '/api/auth/password-reset', { json: { email: 'nobody-here@example.com' } });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(await unknown.text()).toBe(await known.text());
    expect(unknown.headers.get('Content-Type')).toBe(known.headers.get('Content-Type'));
    await smtp.mailTo(email, (mail) => mail.message.subject === 'Reset your password');
    const unfinished = async () => ((await sql(`select count(*)::int as n from jobs where type = 'email.password-reset' and status <> 'succeeded'`)) as { n: number }[])[0]!.n;
    await until(async () => (await unfinished()) === 0, 10_000, 'every reset job done');
    expect(smtp.received.some((mail) => mail.envelopeTo.includes('nobody-here@example.com'))).toBe(false);
  });

  it('refuses an expired token with 400 on `token`', async () => {
    const email = await signUp();
    const token = await requestReset(email);
    await sql(`update password_reset_tokens set expires_at = now() - interval '1 second' where user_id = (select id from users where email = ?)`, [email]);
    await expectInvalidToken(await confirm(token));
    expect((await login(email, OLD_PASSWORD)).status).toBe(200);
  });

  it('voids the first link with a second request', async () => {
    const email = await signUp();
    const first = await requestReset(email);
    const second = await requestReset(email);
    expect(second).not.toBe(first);
    await expectInvalidToken(await confirm(first));
    expect((await confirm(second)).status).toBe(204);
  });

  it('retries the mail job when the SMTP server refuses, and the mail arrives', async () => {
    const email = await signUp();
    const refusedBefore = smtp.refused();
    smtp.refuseNext(1, 451);
    const token = await requestReset(email);
    expect(smtp.refused()).toBe(refusedBefore + 1);
    expect((await confirm(token)).status).toBe(204);
  });

  it('answers bad bodies with the error envelope, naming the fields', async () => {
    const bad = async (path: string, json: unknown, fields: string[]) => {
      const res = await service.call('POST', path, { json });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
      expect(body.error.code).toBe('VALIDATION_ERROR');
      expect(Object.keys(body.error.fields).sort()).toEqual(fields);
    };
    await bad('/api/auth/password-reset', { email: 'not an address' }, ['email']);
    await bad('/api/auth/password-reset', { email: 'a@example.com', role: 'admin' }, ['role']);
    await bad('/api/auth/password-reset/confirm', { password: NEW_PASSWORD }, ['token']);
    await bad('/api/auth/password-reset/confirm', { token: 'x', password: 'short' }, ['password']);
  });
});
