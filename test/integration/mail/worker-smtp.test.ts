import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootService, type BootedService } from '../../support/booted-service.ts';
import { startWorker } from '../../support/job-fixtures.ts';
import { startPrivateNats, type PrivateNats } from '../../support/nats-server.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp-server.ts';

/** `npm run worker` with SMTP_URL: the mails of the jobs it runs leave over SMTP, and SIGTERM still exits 0. */
describe('mail from a worker process (npm run worker) over SMTP', () => {
  let smtp: TestSmtpServer;
  let nats: PrivateNats;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: BootedService;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    nats = await startPrivateNats();
    database = await createTestDatabase();
    service = await bootService({ DATABASE_URL: database.url, NATS_URL: nats.url, JOB_CONCURRENCY: '0' });
  });
  afterAll(async () => {
    await service?.close();
    await database?.drop();
    await nats?.stop();
    await smtp?.close();
  });

  it('sends the welcome and the password-reset mail, with the link under PUBLIC_URL', async () => {
    const env = { DATABASE_URL: database.url, NATS_URL: nats.url, JOB_CONCURRENCY: '2', SMTP_URL: smtp.url, PUBLIC_URL: 'https://worker.example.test' };
    const worker = await startWorker(env);
    try {
      const email = 'worker-mail@example.com';
      expect((await service.call('POST', '/api/auth/register', { json: { name: 'Worker Mail', email, password: 'long enough password' } })).status).toBe(201);
      expect((await smtp.mailTo(email, (mail) => mail.message.subject === 'Welcome, Worker Mail')).message.from?.value).toEqual([
        { name: 'users-service', address: 'no-reply@worker.example.test' },
      ]);
      expect((await service.call('POST', '/api/auth/password-reset', { json: { email } })).status).toBe(202);
      const reset = await smtp.mailTo(email, (mail) => mail.message.subject === 'Reset your password');
      expect(reset.message.text).toMatch(/^https:\/\/worker\.example\.test\/reset-password\?token=[A-Za-z0-9_-]{43}$/m);
      expect(worker.mails).toEqual([]); // nothing went to the log mailer
    } finally {
      worker.child.kill('SIGTERM');
      expect(await worker.exit).toBe(0);
    }
  }, 60_000);
});
