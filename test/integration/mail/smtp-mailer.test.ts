import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpMailer } from '../../../src/adapters/mail/smtp-mailer.ts';
import { freePort } from '../../support/private-server.ts';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp-server.ts';

const FROM = 'Users Service <no-reply@example.com>';

describe('SmtpMailer against a real SMTP server', () => {
  let server: TestSmtpServer;
  let mailer: SmtpMailer;
  beforeAll(async () => {
    server = await startSmtpServer();
    mailer = new SmtpMailer({ url: server.url, from: FROM });
  });
  afterAll(async () => {
    mailer?.close();
    await server?.close();
  });

  it('delivers the mail, signed in with the URL credentials, with its headers and a Message-ID made from the idempotency key', async () => {
    await mailer.send({ to: 'ada@example.com', subject: 'Hello Ada', text: 'Line one\nline two ü\n', idempotencyKey: '0190f0e0-0000-7000-8000-000000000001' });
    const mail = await server.mailTo('ada@example.com');
    expect(mail.envelopeFrom).toBe('no-reply@example.com');
    expect(mail.envelopeTo).toEqual(['ada@example.com']);
    expect(mail.message.from?.value).toEqual([{ name: 'Users Service', address: 'no-reply@example.com' }]);
    expect(mail.message.subject).toBe('Hello Ada');
    expect(mail.message.text).toBe('Line one\nline two ü\n');
    expect(mail.message.messageId).toBe('<0190f0e0-0000-7000-8000-000000000001@example.com>');
  });

  it('rejects when the server refuses the mail, for now (451) or for good (550), and delivers the next one', async () => {
    server.refuseNext(1, 451);
    await expect(mailer.send({ to: 'later@example.com', subject: 's', text: 't', idempotencyKey: 'k1' })).rejects.toThrow(/451|Try again later/);
    server.refuseNext(1, 550);
    await expect(mailer.send({ to: 'never@example.com', subject: 's', text: 't', idempotencyKey: 'k2' })).rejects.toThrow(/550|Mailbox unavailable/);
    await mailer.send({ to: 'later@example.com', subject: 'again', text: 't', idempotencyKey: 'k3' });
    expect((await server.mailTo('later@example.com')).message.subject).toBe('again');
    expect(server.received.some((mail) => mail.envelopeTo.includes('never@example.com'))).toBe(false);
  });

  it('rejects on wrong credentials and on a server that is not there', async () => {
    const wrong = new SmtpMailer({ url: server.url.replace(':smtp-secret@', ':wrong@'), from: FROM });
    const absent = new SmtpMailer({ url: `smtp://127.0.0.1:${await freePort()}`, from: FROM });
    try {
      await expect(wrong.send({ to: 'x@example.com', subject: 's', text: 't', idempotencyKey: 'k4' })).rejects.toThrow(/Invalid|auth/i);
      await expect(absent.send({ to: 'x@example.com', subject: 's', text: 't', idempotencyKey: 'k5' })).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      wrong.close();
      absent.close();
    }
  });
});
