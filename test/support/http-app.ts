import type { Hono } from 'hono';
import { pino } from 'pino';
import { InMemoryCache } from '../../src/adapters/cache/in-memory-cache.ts';
import { InProcessJobQueue } from '../../src/adapters/jobs/in-process-job-queue.ts';
import { createApp, type HttpDependencies } from '../../src/adapters/http/app.ts';
import type { UserUseCases } from '../../src/application/users/index.ts';
import type { AuthSettings, AuthUseCases } from '../../src/application/auth/index.ts';
import { InMemoryRateLimiter } from '../../src/adapters/rate-limit/in-memory-rate-limiter.ts';
import { SealedCursorCodec } from '../../src/adapters/security/sealed-cursor-codec.ts';
import { JoseTokenService } from '../../src/adapters/security/jose-token-service.ts';
import { ScryptPasswordHasher } from '../../src/adapters/security/scrypt-password-hasher.ts';
import { loadSigningKey } from '../../src/adapters/security/signing-key.ts';
import { UuidV7Ids } from '../../src/adapters/system/uuid-v7-ids.ts';
import { JobRunner } from '../../src/application/jobs/job-runner.ts';
import type { Clock } from '../../src/application/ports/clock.ts';
import type { OutboxQueue, PendingJob } from '../../src/application/ports/event-outbox.ts';
import type { JobQueue } from '../../src/application/ports/job-queue.ts';
import type { PasswordHasher } from '../../src/application/ports/password-hasher.ts';
import { jobHandlers } from '../../src/composition/jobs.ts';
import type { User } from '../../src/domain/user.ts';
import { defaultRetention } from '../../src/application/jobs/handlers/cleanup.ts';
import { createUseCases, type UseCases } from '../../src/composition/use-cases.ts';
import { aUser } from './builders.ts';
import { checkedAgainstDocument } from './document-checked-app.ts';
import { CollectingMailer } from './collecting-mailer.ts';
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

export type RequestOptions = {
  json?: unknown;
  headers?: Record<string, string>;
  /**
   * Whose access token goes in `Authorization`: by default the seeded admin's; `null` sends none
   * (anonymous); a string is sent as the bearer token. An explicit Authorization header wins.
   */
  as?: string | null;
};

export type TestApp = {
  app: Hono;
  uow: InMemoryUnitOfWork;
  useCases: UseCases;
  tokens: JoseTokenService;
  /** An active admin stored before the first request, created before every other user. */
  admin: User;
  /** Every line the app logged, parsed. */
  logs: LogLine[];
  /**
   * Where started jobs go once relayed from the outbox (`uow.outbox.jobRows`, where a test sees them
   * queued): neither happens until `runJobs()`.
   */
  jobQueue: InProcessJobQueue;
  /** Every mail the jobs sent. */
  mailer: CollectingMailer;
  /** Runs every queued job (retries included) with the real handlers until none is left. */
  runJobs(): Promise<void>;
  request(method: string, path: string, options?: RequestOptions): Promise<Response>;
  /** A fresh access token for `user` (which should be stored), in a session of its own. */
  tokenFor(user: Pick<User, 'id' | 'email' | 'role'>): Promise<string>;
};

export type TestAppOptions = Partial<Omit<HttpDependencies, 'users' | 'auth' | 'posts' | 'jobs'>> & {
  users?: Partial<UserUseCases>;
  auth?: Partial<AuthSettings>;
  /** The password hasher; by default real scrypt at a cheap cost. */
  hasher?: PasswordHasher;
};

/** One key for every test app: generating it costs more than the rest of a small test. */
const SIGNING_KEY = await loadSigningKey();
export const TEST_TOKEN_SETTINGS = { issuer: 'users-service', audience: 'users-api', accessTtlSeconds: 900 };

/**
 * The general rate limit of test apps: a real limiter (so every /api response carries the
 * headers), with a budget no ordinary test reaches; tests of the limit pass their own.
 */
export const UNLIMITED = {
  limiter: new InMemoryRateLimiter({ now: () => new Date() }),
  policy: { name: 'default', max: 1_000_000_000, windowSeconds: 60 },
} as const;

/** What the test apps' password-reset mails use. */
export const TEST_PASSWORD_RESET = { ttlSeconds: 1800, publicUrl: 'https://app.example.test' };

/**
 * Limits no ordinary test reaches (its requests without a socket share the `unknown` address);
 * tests of a limit pass their own.
 */
export const TEST_AUTH_SETTINGS: AuthSettings = {
  accessTtlSeconds: 900,
  refreshTtlSeconds: 86_400,
  loginLimit: { max: 1000, windowSeconds: 900 },
  loginEmailFailuresMax: 1000,
  registerLimit: { max: 1_000_000, windowSeconds: 3600 },
};

/** scrypt at a cost a test can afford; the OWASP cost has its own adapter test. */
export const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };

/**
 * The HTTP adapter over the real use cases and the in-memory unit of work, real jose tokens, a
 * cheap scrypt cost and a logger that records into `logs`. No port: requests go through
 * `app.request()`, as the seeded admin unless told otherwise.
 */
export function buildHttpApp(options: TestAppOptions = {}): TestApp {
  const uow = new InMemoryUnitOfWork();
  const clock = new SteppingClock();
  const hasher = options.hasher ?? new ScryptPasswordHasher(CHEAP_SCRYPT);
  const tokens = new JoseTokenService(SIGNING_KEY, TEST_TOKEN_SETTINGS);
  const logs: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const jobQueue = new InProcessJobQueue();
  const mailer = new CollectingMailer();
  const useCases = createUseCases({
    uow,
    ids: new UuidV7Ids(),
    clock,
    hasher,
    cursors: new SealedCursorCodec('a-test-secret-of-at-least-32-characters'),
    tokens,
    limiter: new InMemoryRateLimiter(clock),
    auth: { ...TEST_AUTH_SETTINGS, ...options.auth },
    cache: new InMemoryCache(clock),
    cacheTtlSeconds: 3600,
  });
  // A 1 ms backoff: a retried job comes back at once (the stepping clock barely moves in real time).
  const runner = new JobRunner({ uow, clock, handlers: jobHandlers({ uow, mailer, clock, retention: defaultRetention(900), queue: jobQueue, passwordReset: TEST_PASSWORD_RESET }), backoff: { baseMs: 1, maxMs: 1 } });
  const admin = aUser().withRole('admin').withEmail(`admin-${crypto.randomUUID()}@example.com`).withName('Test Admin').createdAt('2000-01-01T00:00:00.000Z').build();
  uow.users.rows.set(admin.id, admin);

  const { users: userOverrides, auth: _settings, hasher: _hasher, ...httpOptions } = options;
  // Every response an e2e test receives is checked against the document (the document can never drift from the wire).
  const app = checkedAgainstDocument(createApp({
    logger,
    readiness: async () => ({ ready: true, checks: { database: 'up' } }),
    jwks: () => tokens.jwks(),
    rateLimit: UNLIMITED,
    ...httpOptions,
    users: { ...useCases.users, ...userOverrides },
    posts: useCases.posts,
    auth: useCases.auth as AuthUseCases,
    jobs: useCases.jobs,
    idempotency: useCases.idempotency,
  }));
  const tokenFor = async (user: Pick<User, 'id' | 'email' | 'role'>) =>
    (await tokens.issueAccessToken({ id: user.id, email: user.email, role: user.role, sessionId: crypto.randomUUID() })).token;
  let adminToken: Promise<string> | undefined;

  return {
    app,
    uow,
    useCases,
    tokens,
    admin,
    logs,
    jobQueue,
    mailer,
    runJobs: async () => {
      await relayJobs(uow.outbox, jobQueue);
      await drain(jobQueue, runner);
    },
    tokenFor,
    request: async (method, path, { json, headers = {}, as } = {}) => {
      const token = as === undefined ? await (adminToken ??= tokenFor(admin)) : as;
      const authorization: Record<string, string> = token === null ? {} : { Authorization: `Bearer ${token}` };
      const contentType: Record<string, string> = json === undefined ? {} : { 'Content-Type': 'application/json' };
      return app.request(path, {
        method,
        headers: { ...authorization, ...contentType, ...headers },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
    },
  };
}

/** What the outbox relay does for job messages (events are left where they are, for tests that look at them). */
export async function relayJobs(outbox: OutboxQueue, queue: JobQueue): Promise<void> {
  const enqueue = async (pending: readonly PendingJob[]) => {
    for (const { job } of pending) await queue.enqueue(job);
  };
  while ((await outbox.publishJobBatch(100, enqueue, () => 0)) > 0);
}

/** Works the queue with one worker until it holds nothing, then stops the worker: a test's jobs are few and quick. */
async function drain(queue: InProcessJobQueue, runner: JobRunner): Promise<void> {
  const worker = await queue.work(runner.handle, { concurrency: 1 });
  try {
    const deadline = Date.now() + 5_000;
    while (queue.size > 0) {
      if (Date.now() > deadline) throw new Error(`jobs still pending after 5 s: ${queue.size}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  } finally {
    await worker.stop();
  }
}

/** Creates a user through the API (as the admin) and returns its JSON and ETag. */
export async function createUserViaApi(
  t: TestApp,
  body: Record<string, unknown>,
): Promise<{ user: { id: string; name: string; email: string; [key: string]: unknown }; etag: string }> {
  const res = await t.request('POST', '/api/users', { json: body });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  const { data } = (await res.json()) as { data: { id: string; name: string; email: string } };
  return { user: data, etag: res.headers.get('ETag') ?? '' };
}

/** A member stored straight into the app's tables (no sign-up, no hashing), with an access token of its own. */
export async function storedMember(t: TestApp, name = 'Member'): Promise<{ member: User; token: string }> {
  const member = aUser().withName(name).build();
  t.uow.users.rows.set(member.id, member);
  return { member, token: await t.tokenFor(member) };
}
