import { pino } from 'pino';
import { bootstrap, type Service } from '../../src/composition/bootstrap.ts';
import { loadConfig } from '../../src/config.ts';
import { checkedAgainstDocument } from './document-checked-app.ts';
import type { LogLine } from './http-app.ts';

export const BOOT_ADMIN = { email: 'root@example.com', password: 'correct-horse-battery' };

export type BootedService = Service & {
  logs: LogLine[];
  /** A request through the app, as `token` (none when undefined). */
  call(method: string, path: string, options?: { token?: string; json?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** Signs the admin in and returns its access token. */
  adminToken(): Promise<string>;
};

/**
 * The real composition root (src/composition/bootstrap.ts) in this process, configured from `env` as main.ts
 * would be: every adapter the variables name, migrations, the admin. Requests go through
 * `app.request()`; close() releases the database and Redis.
 */
export async function bootService(env: Record<string, string>): Promise<BootedService> {
  const logs: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const config = loadConfig({ NODE_ENV: 'test', ADMIN_EMAIL: BOOT_ADMIN.email, ADMIN_PASSWORD: BOOT_ADMIN.password, ...env });
  const service = await bootstrap(config, logger);
  // Its responses are checked against the document, as the e2e apps' are (document-checked-app.ts).
  checkedAgainstDocument(service.app);
  const call: BootedService['call'] = async (method, path, { token, json, headers = {} } = {}) =>
    service.app.request(path, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  return {
    ...service,
    logs,
    call,
    adminToken: async () => {
      const res = await call('POST', '/api/auth/login', { json: BOOT_ADMIN });
      if (res.status !== 200) throw new Error(`admin sign-in failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { data: { accessToken: string } }).data.accessToken;
    },
  };
}
