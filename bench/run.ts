/**
 * `npm run bench [-- --users 10000 --duration 10 --connections 20]`
 *
 * Seeds PostgreSQL, starts the service and the raw node:http + pg baseline as two processes on
 * the same database, and drives both with autocannon, one after the other, with the same
 * requests. Prints req/s, p50 and p99 for each and the ratio service/baseline. Absolute numbers
 * depend on the machine; the ratios are the point.
 *
 * With REDIS_URL set, both servers use that Redis: the service for its cache and rate limits, the
 * baseline for plain cache-aside on GET by id; the GET row then also reports the service's cache
 * hit ratio during the measured run.
 */
import autocannon from 'autocannon';
import { exportJWK, generateKeyPair } from 'jose';
import { parseArgs } from 'node:util';
import { ScryptPasswordHasher } from '../src/adapters/security/scrypt-password-hasher.ts';
import { ensureDatabase, prepareData } from './seed.ts';
import { eventScenarios } from './events.ts';
import { jobScenarios } from './jobs.ts';
import { scaleScenarios } from './scale.ts';
import { startProcess, type Running } from './processes.ts';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    /** Run only the scenarios whose name contains this text. */
    only: { type: 'string', default: '' },
  },
});
const USERS = Number(values.users);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const POSTS_PER_USER = 3;
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bench';
const REDIS_URL = process.env.REDIS_URL || undefined;
const NATS_URL = process.env.NATS_URL || 'nats://127.0.0.1:4222';

/** A database on the benchmark's server named after its own plus `suffix`, created if missing. */
async function databaseBeside(suffix: string): Promise<string> {
  const url = new URL(DATABASE_URL);
  url.pathname = `${url.pathname}${suffix}`;
  await ensureDatabase(url.toString());
  return url.toString();
}

type Target = 'service' | 'raw';
type Scenario = {
  name: string;
  baseline: string;
  goal?: number;
  /** Also report the service's event-loop delay (p99 / max) during the measured run. */
  eventLoopLag?: boolean;
  /** Concurrent connections, when not the run's default. */
  connections?: number;
  /** Also report the service's user-cache hit ratio during the measured run. */
  hitRatio?: boolean;
  request: (target: Target) => autocannon.Request;
};
type Figures = { rps: number; p50: number; p99: number; errors: number };

async function measure(target: Target, scenario: Scenario, duration: number): Promise<Figures> {
  const result = await autocannon({
    url: `http://127.0.0.1:${target === 'service' ? 3101 : 3102}`,
    connections: scenario.connections ?? CONNECTIONS,
    duration,
    // Extend the request autocannon hands in (it carries default headers) rather than replace it.
    requests: [
      {
        setupRequest: (request) => {
          const next = scenario.request(target);
          return { ...request, ...next, headers: { ...request.headers, ...next.headers } };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

/**
 * The service's event-loop delay since the last scrape, in ms: prom-client's monitorEventLoopDelay
 * histogram is reset on every collection, so one scrape before a run makes the next one cover it.
 */
async function eventLoopLag(): Promise<{ p99: number; max: number }> {
  const text = await (await fetch('http://127.0.0.1:3101/metrics')).text();
  // The histogram samples with a 10 ms timer (prom-client's default precision) and records the
  // whole interval: an idle loop reads 10 ms. The delay is what exceeds it.
  const read = (name: string) => Number(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? Number.NaN) * 1000 - 10;
  return { p99: read('nodejs_eventloop_lag_p99_seconds'), max: read('nodejs_eventloop_lag_max_seconds') };
}

/** The service's user-cache hits and misses so far, from /metrics. */
async function cacheLookups(): Promise<{ hits: number; misses: number }> {
  const text = await (await fetch('http://127.0.0.1:3101/metrics')).text();
  const read = (name: string) => Number(new RegExp(`^${name}\\{keyspace="user"\\} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? 0);
  return { hits: read('cache_hits_total'), misses: read('cache_misses_total') };
}

/** Removes what an earlier run left in Redis: the service's cache and limits, the baseline's cache. */
async function clearRedis(url: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url);
  for (const pattern of ['users-service:*', 'bench:*']) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
  redis.disconnect();
}

async function signIn(email: string, password: string): Promise<string> {
  const response = await fetch('http://127.0.0.1:3101/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`bench login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: { accessToken: string } }).data.accessToken;
}

async function main(): Promise<void> {
  await ensureDatabase(DATABASE_URL);
  // One Ed25519 key for both servers, so each verifies tokens with the same algorithm.
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const env = {
    DATABASE_URL,
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    CURSOR_SECRET: 'bench-secret-bench-secret-bench-secret',
    JWT_PRIVATE_KEY: JSON.stringify(await exportJWK(privateKey)),
    // Throughput is measured, not the limiters (which would refuse all but 100 requests, 10 logins);
    // they still count every request.
    LOGIN_RATE_LIMIT_MAX: '1000000',
    RATE_LIMIT_MAX: '1000000',
    ...(REDIS_URL ? { REDIS_URL } : {}),
  };
  if (REDIS_URL) await clearRedis(REDIS_URL);
  const admin = { email: 'bench-admin@example.com', password: 'bench-admin-password' };
  const processes: Running[] = [];
  try {
    // The service first: its start applies the migrations the seed and the baseline rely on.
    const service = await startProcess('service', ['src/main.ts'], { ...env, PORT: '3101', HOST: '127.0.0.1' }, 'http://127.0.0.1:3101/readyz');
    processes.push(service);
    console.log(`seeding ${USERS.toLocaleString('en')} users with ${POSTS_PER_USER} posts each ...`);
    const passwordHash = await new ScryptPasswordHasher().hash(admin.password);
    const ids = await prepareData(DATABASE_URL, USERS, POSTS_PER_USER, { email: admin.email, passwordHash });
    const raw = await startProcess('baseline', ['bench/raw-server.ts'], { ...env, PORT: '3102' }, 'http://127.0.0.1:3102/livez');
    processes.push(raw);
    // Every /api request carries the admin's token; both servers accept it (same key and claims).
    const authorization = `Bearer ${await signIn(admin.email, admin.password)}`;

    let created = 0;
    const runId = Date.now().toString(36);
    const create = (target: Target, transactional: boolean): autocannon.Request => ({
      method: 'POST',
      path: '/api/users',
      headers: { 'content-type': 'application/json', authorization, ...(transactional && target === 'raw' ? { 'x-bench-transaction': '1' } : {}) },
      body: JSON.stringify({ name: 'Bench User', email: `bench-${runId}-${created++}@example.com` }),
    });
    const scenarios: Scenario[] = [
      {
        name: `GET /api/users/:id, signed in${REDIS_URL ? ', Redis cache' : ''}`,
        baseline: REDIS_URL ? 'jose verify + ioredis get (cache-aside)' : 'jose verify + select by id',
        goal: REDIS_URL ? 1.0 : 0.8,
        hitRatio: true,
        request: () => ({ method: 'GET', path: `/api/users/${ids[Math.floor(Math.random() * ids.length)]}`, headers: { authorization } }),
      },
      {
        name: 'GET /api/users?page=5&limit=20',
        baseline: 'jose verify + page + count(*)',
        request: () => ({ method: 'GET', path: '/api/users?page=5&limit=20', headers: { authorization } }),
      },
      { name: 'POST /api/users', baseline: 'autocommit insert', goal: 0.7, request: (target) => create(target, false) },
      { name: 'POST /api/users', baseline: 'begin; insert; commit', request: (target) => create(target, true) },
      {
        name: 'POST /api/auth/login',
        baseline: 'select + scrypt + sign + insert',
        eventLoopLag: true,
        // A few clients at a time: each login costs ~0.3 s of CPU, so 20 connections would only
        // queue (and the warm-up's backlog would spill into the measured run).
        connections: 4,
        request: () => ({
          method: 'POST',
          path: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(admin),
        }),
      },
    ];

    const rows: string[] = [];
    const lags: string[] = [];
    for (const scenario of scenarios.filter(({ name }) => name.includes(values.only))) {
      await measure('service', scenario, 2); // warm-up: JIT, pools, caches
      await measure('raw', scenario, 2);
      if (scenario.eventLoopLag) await eventLoopLag();
      const lookupsBefore = scenario.hitRatio ? await cacheLookups() : undefined;
      const ours = await measure('service', scenario, DURATION);
      if (lookupsBefore) {
        const after = await cacheLookups();
        const hits = after.hits - lookupsBefore.hits;
        const total = hits + after.misses - lookupsBefore.misses;
        lags.push(`${scenario.name}: user-cache hit ratio ${((hits / total) * 100).toFixed(1)}% (${hits.toLocaleString('en')} of ${total.toLocaleString('en')} lookups, holders included)`);
      }
      if (scenario.eventLoopLag) {
        const lag = await eventLoopLag();
        const verdict = lag.p99 < 5 ? 'met' : 'NOT met';
        lags.push(`${scenario.name}: service event-loop delay p99 ${lag.p99.toFixed(1)} ms, max ${lag.max.toFixed(1)} ms (goal p99 < 5 ms: ${verdict})`);
      }
      const base = await measure('raw', scenario, DURATION);
      const ratio = ours.rps / base.rps;
      const verdict = scenario.goal === undefined ? '' : ratio >= scenario.goal ? `met (>= ${scenario.goal}x)` : `NOT met (< ${scenario.goal}x)`;
      rows.push(
        `| ${scenario.name} | ${scenario.baseline} | ${ours.rps.toFixed(0)} | ${ours.p50} / ${ours.p99} | ${base.rps.toFixed(0)} | ${base.p50} / ${base.p99} | **${ratio.toFixed(2)}x** | ${verdict} |` +
          (ours.errors + base.errors > 0 ? ` errors: ${ours.errors}/${base.errors}` : ''),
      );
    }
    console.log(`\n${USERS.toLocaleString('en')} users, ${CONNECTIONS} connections, ${DURATION}s per run, Node ${process.version}\n`);
    console.log('| scenario | raw baseline does | service req/s | service p50 / p99 ms | raw req/s | raw p50 / p99 ms | ratio | goal |');
    console.log('|---|---|---:|---:|---:|---:|---:|---|');
    for (const row of rows) console.log(row);
    for (const lag of lags) console.log(`\n${lag}`);

    if (values.only === '' || 'events'.includes(values.only)) {
      console.log('\nEvents: the outbox relay and a JetStream consumer in this process, on the same PostgreSQL and NATS\n');
      console.log('| scenario | service | raw baseline | ratio | goal |');
      console.log('|---|---:|---:|---:|---|');
      // A database of their own: the running service's relay would otherwise take (and publish) the events.
      for (const row of await eventScenarios({ databaseUrl: await databaseBeside('_events'), natsUrl: NATS_URL })) console.log(row);
    }

    if (values.only === '' || 'jobs'.includes(values.only)) {
      console.log('\nJobs: JobRunner workers on the JetStream work queue, in this process, on the same PostgreSQL and NATS\n');
      console.log('| scenario | service | raw baseline | ratio | goal |');
      console.log('|---|---:|---:|---:|---|');
      for (const row of await jobScenarios({ databaseUrl: await databaseBeside('_jobs'), natsUrl: NATS_URL })) console.log(row);
    }

    if (values.only === '' || 'listing at scale'.includes(values.only)) {
      console.log(`\nListing at scale: ${USERS.toLocaleString('en')} users, ${POSTS_PER_USER} posts each; sequential requests, ms\n`);
      console.log('| scenario | service p50 / p99 | its SQL alone p50 / p99 | goal | |');
      console.log('|---|---:|---:|---|---|');
      for (const row of await scaleScenarios({ base: 'http://127.0.0.1:3101', authorization, databaseUrl: DATABASE_URL })) console.log(row);
    }
  } finally {
    for (const running of processes.reverse()) await running.stop();
  }
}

await main();
