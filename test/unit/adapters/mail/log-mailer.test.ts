import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config.ts';
import { mailerFrom } from '../../../../src/composition/mail.ts';

const MAIL = {
  to: 'ada@example.com',
  subject: 'Reset your password',
  text: 'Hello Ada,\n\nsomeone asked to reset the password of your account (ada@example.com):\n\nhttp://localhost:3000/reset-password?token=abc123\n',
  idempotencyKey: 'job-1',
};

/** The mailer SMTP_URL's absence gives under `env`, and the one JSON line it logs for MAIL. */
async function loggedLine(env: Record<string, string>): Promise<Record<string, unknown>> {
  const lines: string[] = [];
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const { mailer } = await mailerFrom(loadConfig(env), pino(sink));
  await mailer.send(MAIL);
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] as string) as Record<string, unknown>;
}

describe('the log mailer (no SMTP_URL)', () => {
  it('logs the whole mail, reset link included, outside production: the log is the inbox', async () => {
    const line = await loggedLine({ NODE_ENV: 'development' });
    expect(line).toMatchObject({ msg: 'mail sent (log mailer)', to: 'a***@example.com', idempotencyKey: 'job-1', subject: MAIL.subject });
    expect(line.text).toBe(MAIL.text.replace('ada@example.com', 'a***@example.com')); // addresses stay masked (API.md)
    expect(JSON.stringify(line)).not.toContain('ada@');
  });

  it('logs neither the text nor the subject in production, and masks the address', async () => {
    const line = await loggedLine({ NODE_ENV: 'production', JWT_PRIVATE_KEY: '{"kty":"OKP"}', CURSOR_SECRET: 'c'.repeat(32) });
    expect(line).toMatchObject({ to: 'a***@example.com', idempotencyKey: 'job-1' });
    expect(JSON.stringify(line)).not.toContain('token=');
    expect(JSON.stringify(line)).not.toContain('ada@');
    expect(line).not.toHaveProperty('subject');
  });
});
