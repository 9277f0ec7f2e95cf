import type { Hono } from 'hono';
import { pino } from 'pino';
import { createApp, type HttpDependencies } from '../../src/adapters/http/app.ts';
import type { UserUseCases } from '../../src/adapters/http/users/user-routes.ts';
import { HmacCursorCodec } from '../../src/adapters/security/hmac-cursor-codec.ts';
import { ScryptPasswordHasher } from '../../src/adapters/security/scrypt-password-hasher.ts';
import { UuidV7Ids } from '../../src/adapters/system/uuid-v7-ids.ts';
import type { Clock } from '../../src/application/ports/clock.ts';
import { createUserUseCases } from '../../src/user-use-cases.ts';
import { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

/** Each reading is 1 ms after the last: creation order is deterministic, never a tie by accident. */
export class SteppingClock implements Clock {
  #ms: number;
  constructor(start = Date.parse('2024-01-20T10:00:00.000Z')) {
    this.#ms = start;
  }
  now(): Date {
    this.#ms += 1;
    return new Date(this.#ms);
  }
}

export type LogLine = Record<string, unknown> & { level: number; msg: string };

export type TestApp = {
  app: Hono;
  uow: InMemoryUnitOfWork;
  /** Every line the app logged, parsed. */
  logs: LogLine[];
  request(method: string, path: string, options?: { json?: unknown; headers?: Record<string, string> }): Promise<Response>;
};

export type TestAppOptions = Partial<Omit<HttpDependencies, 'users'>> & { users?: Partial<UserUseCases> };

/**
 * The HTTP adapter over the real use cases and the in-memory unit of work, with a cheap scrypt
 * cost and a logger that records into `logs`. No port: requests go through `app.request()`.
 */
export function buildHttpApp(options: TestAppOptions = {}): TestApp {
  const uow = new InMemoryUnitOfWork();
  const clock = new SteppingClock();
  const hasher = new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 });
  const logs: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const users: UserUseCases = {
    ...createUserUseCases({
      uow,
      ids: new UuidV7Ids(),
      clock,
      hasher,
      cursors: new HmacCursorCodec('a-test-secret-of-at-least-32-characters'),
    }),
    ...options.users,
  };
  const app = createApp({
    logger,
    readiness: async () => ({ ready: true, checks: { database: 'up' } }),
    ...options,
    users,
  });
  return {
    app,
    uow,
    logs,
    request: async (method, path, { json, headers = {} } = {}) =>
      app.request(path, {
        method,
        headers: json === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
        body: json === undefined ? undefined : JSON.stringify(json),
      }),
  };
}

/** Creates a user through the API and returns its JSON and ETag. */
export async function createUserViaApi(
  t: TestApp,
  body: Record<string, unknown>,
): Promise<{ user: { id: string; name: string; email: string; [key: string]: unknown }; etag: string }> {
  const res = await t.request('POST', '/api/users', { json: body });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  const { data } = (await res.json()) as { data: { id: string; name: string; email: string } };
  return { user: data, etag: res.headers.get('ETag') ?? '' };
}
