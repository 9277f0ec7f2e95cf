import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivatePostgres, type PrivatePostgres } from '../../support/private-postgres.ts';
import { until } from '../../support/until.ts';
import { signIn, startService, type ServiceProcess } from './service-process.ts';

/** The contract's fail-fast bound for a request while a dependency is down. */
const FAIL_FAST_MS = 2_000;
const LOOPS = 4;

type Sample = { path: string; start: number; end: number; status: number; code?: string; id?: string; failure?: string };

let postgres: PrivatePostgres;
let service: ServiceProcess;
let authorization: string;

beforeAll(async () => {
  postgres = await startPrivatePostgres();
  // A job whose end could not be recorded in the outage runs again once its lease ends: keep that short.
  service = await startService({ DATABASE_URL: postgres.url, RATE_LIMIT_MAX: '1000000', JOB_LEASE_SECONDS: '3' });
  authorization = await signIn(service.url);
});

afterAll(async () => {
  // OUTAGE_LOG=<file> keeps the service's log lines, to see what a failing run met.
  if (process.env.OUTAGE_LOG) (await import('node:fs')).writeFileSync(process.env.OUTAGE_LOG, service.lines.join('\n'));
  service?.child.kill('SIGKILL');
  await postgres?.stop();
});

/** One request, timed; a reset, a hang (5 s) or an unreadable body is a `failure`, never a throw. */
async function timed(method: string, path: string, body?: unknown): Promise<Sample> {
  const start = performance.now();
  try {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    const text = await res.text();
    const json = (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : {}) as { data?: { id?: string }; error?: { code: string } };
    return { path, start, end: performance.now(), status: res.status, code: json.error?.code, id: json.data?.id };
  } catch (error) {
    return { path, start, end: performance.now(), status: 0, failure: String(error) };
  }
}

async function readyz(): Promise<{ status: number; message?: string; ms: number }> {
  const start = performance.now();
  const res = await fetch(`${service.url}/readyz`, { signal: AbortSignal.timeout(5_000) });
  const body = (await res.json()) as { error?: { message: string } };
  return { status: res.status, message: body.error?.message, ms: performance.now() - start };
}

/** How many samples had each outcome (`503 SERVICE_UNAVAILABLE`, `201`, `reset: ...`): a failure shows a summary. */
function outcomes(samples: Sample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of samples) {
    const key = s.failure ? `failed: ${s.failure}` : [s.status, s.code].filter(Boolean).join(' ');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The real process on a PostgreSQL of its own, under a steady load of creates and lists, while the
 * postmaster is killed with -9 and started again: every request in the outage is a prompt 503,
 * /readyz names the database, the service recovers by itself, and no acknowledged write is lost.
 */
describe('PostgreSQL dying under load', () => {
  it('fails fast with 503 while it is down, recovers without a restart, and keeps every acknowledged write', { timeout: 50_000 }, async () => {
    const samples: Sample[] = [];
    let stop = false;
    const loop = async (n: number) => {
      for (let i = 0; !stop; i++) {
        samples.push(await timed('POST', '/api/users', { name: `Load ${n}-${i}`, email: `load-${n}-${i}@example.com` }));
        samples.push(await timed('GET', '/api/users?limit=5'));
      }
    };
    const loops = Array.from({ length: LOOPS }, (_, n) => loop(n));

    // A session never used before the outage: its token check finds nothing cached and needs the database.
    const unusedSession = await signIn(service.url);
    await sleep(1_500);
    const killAt = performance.now();
    await postgres.kill();
    const killed = performance.now();

    // Readiness names the database as down, promptly, throughout the outage.
    const probes: Awaited<ReturnType<typeof readyz>>[] = [];
    while (performance.now() - killed < 3_000) {
      probes.push(await readyz());
      await sleep(250);
    }
    // Metrics are needed most in an outage: the scrape answers, without the outbox's figures.
    const scrape = await timed('GET', '/metrics');
    const freshToken = await fetch(`${service.url}/api/users?limit=5`, { headers: { authorization: unusedSession } });

    const restartAt = performance.now();
    await postgres.start();
    const restarted = performance.now();
    await until(async () => (await readyz()).status === 200, 15_000, '/readyz 200 after PostgreSQL came back', 100);
    const ready = performance.now();
    await sleep(1_500);
    stop = true;
    await Promise.all(loops);

    const during = samples.filter((s) => s.start >= killed && s.end <= restartAt);
    const touchingOutage = samples.filter((s) => s.end > killAt && s.start < restarted);
    const after = samples.filter((s) => s.start >= ready);
    const firstFailure = during.map((s) => s.end).sort((a, b) => a - b)[0];
    const firstCreateAfter = after.find((s) => s.status === 201);
    console.info({
      requests: samples.length,
      duringOutage: during.length,
      slowestInOutageMs: Math.round(Math.max(...touchingOutage.map((s) => s.end - s.start))),
      firstFailureAfterKillMs: firstFailure === undefined ? undefined : Math.round(firstFailure - killed),
      readyzSlowestMs: Math.round(Math.max(...probes.map((p) => p.ms))),
      postgresRestartMs: Math.round(restarted - restartAt),
      recoveryAfterRestartMs: Math.round(ready - restarted),
      firstCreateAfterRestartMs: firstCreateAfter && Math.round(firstCreateAfter.end - restarted),
    });

    // No reset, hang or 500 at any time; only successes and the contract's 503.
    expect(outcomes(samples.filter((s) => s.failure || ![200, 201, 503].includes(s.status)))).toEqual({});
    // In the outage every request answers 503 SERVICE_UNAVAILABLE, within the contract's bound.
    expect(during.length).toBeGreaterThan(LOOPS);
    expect(outcomes(during)).toEqual({ '503 SERVICE_UNAVAILABLE': during.length });
    expect(outcomes(touchingOutage.filter((s) => s.end - s.start > FAIL_FAST_MS))).toEqual({});
    expect(probes.filter((p) => p.status !== 503 || p.message !== 'Not ready: database down' || p.ms > FAIL_FAST_MS)).toEqual([]);
    // An unverifiable session is not a signed-out one: 503, never 401.
    expect([freshToken.status, ((await freshToken.json()) as { error: { code: string } }).error.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect(scrape.status).toBe(200);
    expect(scrape.end - scrape.start).toBeLessThan(FAIL_FAST_MS);
    // Recovered by itself: the same process, answering 2xx again.
    expect(service.child.exitCode).toBeNull();
    expect(after.length).toBeGreaterThan(LOOPS);
    expect(Object.keys(outcomes(after)).sort()).toEqual(['200', '201']);

    await expectAcknowledgedWritesKept(samples.filter((s) => s.status === 201).map((s) => s.id as string));
  });
});

/** Reads PostgreSQL directly: each 201's row is there whole, and the row counters agree with the rows. */
async function expectAcknowledgedWritesKept(ids: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: postgres.url });
  client.on('error', () => undefined); // a failed test's afterAll kills the server under it
  await client.connect();
  try {
    const rows = await client.query<{ id: string; name: string; email: string }>('select id, name, email from users where id = any($1::uuid[])', [ids]);
    expect(rows.rowCount).toBe(ids.length);
    for (const row of rows.rows) expect(row.email).toBe(`load-${row.name.slice('Load '.length)}@example.com`);
    const counts = await client.query<{ rows: string; counted: string }>(
      `select (select count(*) from users) as rows, (select coalesce(sum(n), 0) from row_counts where key = 'users') as counted`,
    );
    expect(counts.rows[0]?.counted).toBe(counts.rows[0]?.rows);
    // The relay, the consumers and the job workers went on by themselves: the outbox drains, and
    // every acknowledged user's welcome email (event -> job -> mail) was sent.
    await until(async () => (await client.query('select 1 from outbox limit 1')).rowCount === 0, 10_000, 'outbox drained', 100);
    const unwelcomed = async () =>
      (
        await client.query<{ id: string; job: string | null }>(
          `select u.id, j.status || ' after ' || j.attempts || ': ' || coalesce(j.error, '') as job
           from unnest($1::uuid[]) as u(id) left join jobs j on j.owner_id = u.id and j.type = 'email.welcome'
           where j.status is distinct from 'succeeded'`,
          [ids],
        )
      ).rows;
    await until(async () => (await unwelcomed()).length === 0, 20_000, 'every welcome email sent', 200).catch(() => undefined);
    expect(await unwelcomed()).toEqual([]);
    expect(service.lines.filter((line) => /dead-lettered|failed for good|unhandled/.test(line))).toEqual([]);
  } finally {
    await client.end();
  }
}
