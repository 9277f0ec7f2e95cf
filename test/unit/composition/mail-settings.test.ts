import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { LogMailer } from '../../../src/adapters/mail/log-mailer.ts';
import { SmtpMailer } from '../../../src/adapters/mail/smtp-mailer.ts';
import { loadConfig } from '../../../src/config.ts';
import { mailerFrom, mailFrom, passwordResetMailSettings, publicUrl } from '../../../src/composition/mail.ts';

describe('the mail settings', () => {
  it('default PUBLIC_URL to http://localhost:$PORT and MAIL_FROM to a no-reply address at its host', () => {
    const config = loadConfig({ PORT: '8080' });
    expect(publicUrl(config)).toBe('http://localhost:8080');
    expect(mailFrom(config)).toBe('users-service <no-reply@localhost>');
    expect(passwordResetMailSettings(config)).toEqual({ ttlSeconds: 30 * 60, publicUrl: 'http://localhost:8080' });
    const set = loadConfig({ PUBLIC_URL: 'https://users.example.com/app', MAIL_FROM: 'Users <hello@example.com>', PASSWORD_RESET_TTL: '1h' });
    expect(mailFrom(set)).toBe('Users <hello@example.com>');
    expect(mailFrom(loadConfig({ PUBLIC_URL: 'https://users.example.com' }))).toBe('users-service <no-reply@users.example.com>');
    expect(passwordResetMailSettings(set)).toEqual({ ttlSeconds: 3600, publicUrl: 'https://users.example.com/app' });
  });

  it('send through SMTP when SMTP_URL is set, else to the log', async () => {
    const logger = pino({ level: 'silent' });
    expect((await mailerFrom(loadConfig({}), logger)).mailer).toBeInstanceOf(LogMailer);
    const smtp = await mailerFrom(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }), logger);
    expect(smtp.mailer).toBeInstanceOf(SmtpMailer);
    smtp.close();
  });
});
