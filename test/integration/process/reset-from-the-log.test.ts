import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../support/until.ts';
import { startService, type ServiceProcess } from './service-process.ts';

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

// A newcomer on `npm run dev` has no SMTP server: the log mailer is the inbox, and a password
// reset must be finishable from it (outside production; in production the text is never logged).
describe('a password reset finished from the log, with no SMTP_URL, in development', () => {
  let service: ServiceProcess;

  beforeAll(async () => {
    service = await startService({ DATA_DIR: 'memory', NODE_ENV: 'development', SMTP_URL: '', PUBLIC_URL: 'http://localhost:5173' });
  });
  afterAll(async () => {
    service?.child.kill('SIGTERM');
    await service?.exit;
  });

  it('logs the link under PUBLIC_URL, and its token sets the new password', async () => {
    expect((await post(`${service.url}/api/auth/register`, { name: 'Local Dev', email: 'local.dev@example.com', password: 'the first password' })).status).toBe(201);
    expect((await post(`${service.url}/api/auth/password-reset`, { email: 'local.dev@example.com' })).status).toBe(202);

    let link: URL | undefined;
    await until(() => {
      const mail = service.lines.map((line) => /"text":"[^"]*?(http:\/\/localhost:5173\/[^\s"\\]+)/.exec(line)?.[1]).find(Boolean);
      link = mail ? new URL(mail) : undefined;
      return link !== undefined;
    }, 15_000, 'the reset mail in the log');
    const token = link?.searchParams.get('token');
    expect(token).toBeTruthy();

    expect((await post(`${service.url}/api/auth/password-reset/confirm`, { token, password: 'the second password' })).status).toBe(204);
    expect((await post(`${service.url}/api/auth/login`, { email: 'local.dev@example.com', password: 'the second password' })).status).toBe(200);
    expect((await post(`${service.url}/api/auth/login`, { email: 'local.dev@example.com', password: 'the first password' })).status).toBe(401);
  });
});
