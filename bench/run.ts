/**
 * `npm run bench [-- --users 10000 --duration 10 --connections 20 --rounds 1 --only <text>]`
 * `npm run bench -- --preset load [--only :id]`: what a user sizing a deployment sees: 64
 * connections, 100,000 users, GET by id over 20,000 random ids, 3 alternating rounds of 8 s.
 *
 * Seeds PostgreSQL, starts the service and the raw node:http + pg baseline as two processes on
 * the same database, and drives both with the same requests, alternating service and baseline
 * round by round, with wrk when it is installed (else autocannon, which costs about a core the
 * servers then lack; see load.ts). Prints every round: req/s, p50 and p99 of each server, the
 * ratio of each (service / baseline), and the service's event-loop delay; then one summary row
 * per scenario (its median round). Also the service's start-up time (spawn to first 200 from
 * /readyz) and its RSS idle and after the load. Absolute numbers depend on the machine; the
 * ratios measured side by side are the point.
 *
 * With REDIS_URL set, both servers use that Redis: the service for its cache and rate limits, the
 * baseline for plain cache-aside on GET by id; the GET row then also reports the service's cache
 * hit ratio during the measured run.
 */
import { exportJWK, generateKeyPair } from 'jose';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ScryptPasswordHasher } from '../src/adapters/security/scrypt-password-hasher.ts';
import { buildNode } from '../scripts/build.ts';
import { ensureDatabase, prepareData } from './seed.ts';
import { edgeScenarios } from './edge.ts';
import { eventScenarios } from './events.ts';
import { jobScenarios } from './jobs.ts';
import { runLoad, wrkAvailable, type Figures, type RequestTemplate, type Tool } from './load.ts';
import { scaleScenarios } from './scale.ts';
import { startProcess, type Running } from './processes.ts';
import { startupRounds } from './startup.ts';
import { startOtlpSink } from './otlp-sink.ts';

const PRESETS: Record<string, Record<string, string>> = {
  quick: { users: '10000', ids: '1000', duration: '10', connections: '20', rounds: '1', threads: '2' },
  load: { users: '100000', ids: '20000', duration: '8', connections: '64', rounds: '3', threads: '2' },
};
const { values } = parseArgs({
  options: {
    preset: { type: 'string', default: 'quick' },
    users: { type: 'string' },
    /** How many random seeded users GET by id picks from. */
    ids: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    /** Measured rounds per scenario, each one service run then one baseline run. */
    rounds: { type: 'string' },
    /** wrk threads. */
    threads: { type: 'string' },
    /** wrk (default when installed) or autocannon. */
    tool: { type: 'string' },
    /** Run only the scenarios whose name contains this text. */
    only: { type: 'string', default: '' },
    /** The service traces every request to a local OTLP sink (the cost of tracing on). */
    tracing: { type: 'boolean', default: false },
  },
});
const preset = PRESETS[values.preset];
if (!preset) throw new Error(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
const setting = (name: keyof typeof preset) => Number((values as Record<string, unknown>)[name] ?? preset[name]);
const USERS = setting('users');
const IDS = setting('ids');
const DURATION = setting('duration');
const CONNECTIONS = setting('connections');
const ROUNDS = setting('rounds');
const THREADS = setting('threads');
const TOOL: Tool = (values.tool as Tool | undefined) ?? (wrkAvailable() ? 'wrk' : 'autocannon');
if (TOOL !== 'wrk' && TOOL !== 'autocannon') throw new Error('--tool must be wrk or autocannon');
const POSTS_PER_USER = 3;
/** As in package.json's `start` and the Dockerfile's CMD; BENCH_NODE_FLAGS tries others. */
const SERVICE_NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=8 --enable-source-maps').split(' ').filter(Boolean);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bench';
const REDIS_URL = process.env.REDIS_URL || undefined;
const NATS_URL = process.env.NATS_URL || 'nats://127.0.0.1:4222';
/** /metrics is hidden in production unless a token is set: the benchmark scrapes it with this one. */
const METRICS_TOKEN = 'bench-metrics-token-bench-metrics-token';
const scrapeMetrics = async () => (await fetch('http://127.0.0.1:3101/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();

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
  /** Service / baseline throughput at least this. */
  goal?: number;
  /** Service p50 and p99 at most these multiples of the baseline's. */
  p50Goal?: number;
  p99Goal?: number;
  /** Also report the service's event-loop delay goal (p99 < 5 ms) for this scenario. */
  eventLoopLag?: boolean;
  /** Concurrent connections, when not the run's default. */
  connections?: number;
  /** Also report the service's user-cache hit ratio during the measured run. */
  hitRatio?: boolean;
  request: (target: Target) => RequestTemplate;
};
type Round = { ours: Figures; base: Figures; lag: { p99: number; max: number }; hits?: string; redisCpu?: string };

function measure(target: Target, scenario: Scenario, duration: number, ids: readonly string[]): Promise<Figures> {
  return runLoad(TOOL, {
    url: `http://127.0.0.1:${target === 'service' ? 3101 : 3102}`,
    connections: scenario.connections ?? CONNECTIONS,
    duration,
    threads: Math.min(THREADS, scenario.connections ?? CONNECTIONS),
    ids,
    template: scenario.request(target),
  });
}

/**
 * The service's event-loop delay since the last scrape, in ms: prom-client's monitorEventLoopDelay
 * histogram is reset on every collection, so one scrape before a run makes the next one cover it.
 */
async function eventLoopLag(): Promise<{ p99: number; max: number }> {
  const text = await scrapeMetrics();
  // The histogram samples with a 10 ms timer (prom-client's default precision) and records the
  // whole interval: an idle loop reads 10 ms. The delay is what exceeds it.
  const read = (name: string) => Number(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? Number.NaN) * 1000 - 10;
  return { p99: read('nodejs_eventloop_lag_p99_seconds'), max: read('nodejs_eventloop_lag_max_seconds') };
}

/** The service's user-cache hits and misses so far, from /metrics. */
async function cacheLookups(): Promise<{ hits: number; misses: number }> {
  const text = await scrapeMetrics();
  const read = (name: string) => Number(new RegExp(`^${name}\\{keyspace="user"\\} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? 0);
  return { hits: read('cache_hits_total'), misses: read('cache_misses_total') };
}

/** Redis's CPU time so far (user + sys, ms), from INFO cpu; 0 without Redis. */
async function redisCpuMs(): Promise<number> {
  if (!REDIS_URL) return 0;
  const { Redis } = await import('ioredis');
  const redis = new Redis(REDIS_URL);
  try {
    const info = await redis.info('cpu');
    const read = (name: string) => Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)?.[1] ?? 0);
    return (read('used_cpu_user') + read('used_cpu_sys')) * 1000;
  } finally {
    redis.disconnect();
  }
}

/** The whole machine's CPU ticks so far, idle (idle + iowait) and in all, from /proc/stat (Linux). */
function machineTicks(): { idle: number; total: number } {
  try {
    const ticks = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    return { idle: (ticks[3] ?? 0) + (ticks[4] ?? 0), total: ticks.reduce((sum, n) => sum + n, 0) };
  } catch {
    return { idle: Number.NaN, total: Number.NaN };
  }
}

/** The share of the machine's CPU left idle between two readings, e.g. "12%". */
const idleShare = (before: ReturnType<typeof machineTicks>, after: ReturnType<typeof machineTicks>) =>
  `${(((after.idle - before.idle) / Math.max(1, after.total - before.total)) * 100).toFixed(0)}%`;

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
  const sink = values.tracing ? await startOtlpSink() : undefined;
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
    METRICS_TOKEN,
    ...(sink ? { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_SERVICE_NAME: 'users-service-bench' } : {}),
    ...(REDIS_URL ? { REDIS_URL } : {}),
  };
  if (REDIS_URL) await clearRedis(REDIS_URL);
  const admin = { email: 'bench-admin@example.com', password: 'bench-admin-password' };
  const processes: Running[] = [];
  try {
    // The service first: its start applies the migrations the seed and the baseline rely on.
    // What `npm start` and the image run: the built bundle (scripts/build.ts) with the same Node flags.
    await buildNode();
    const service = await startProcess('service', [...SERVICE_NODE_FLAGS, 'dist/main.js'], { ...env, PORT: '3101', HOST: '127.0.0.1' }, 'http://127.0.0.1:3101/readyz');
    processes.push(service);
    console.log(`seeding ${USERS.toLocaleString('en')} users with ${POSTS_PER_USER} posts each ...`);
    const passwordHash = await new ScryptPasswordHasher().hash(admin.password);
    const ids = await prepareData(DATABASE_URL, USERS, POSTS_PER_USER, { email: admin.email, passwordHash }, IDS);
    const raw = await startProcess('baseline', ['bench/raw-server.ts'], { ...env, PORT: '3102' }, 'http://127.0.0.1:3102/livez');
    processes.push(raw);
    // Every /api request carries the admin's token; both servers accept it (same key and claims).
    const authorization = `Bearer ${await signIn(admin.email, admin.password)}`;

    const runId = Date.now().toString(36);
    /** `transaction`: how the baseline writes (the service always runs its unit of work with the outbox). */
    const create = (target: Target, transaction?: 'plain' | 'outbox'): RequestTemplate => ({
      method: 'POST',
      path: '/api/users',
      headers: { 'content-type': 'application/json', authorization, ...(transaction && target === 'raw' ? { 'x-bench-transaction': transaction } : {}) },
      body: JSON.stringify({ name: 'Bench User', email: `bench-${runId}-{n}@example.com` }),
    });
    const scenarios: Scenario[] = [
      {
        name: `GET /api/users/:id, signed in${REDIS_URL ? ', Redis cache' : ''}`,
        baseline: REDIS_URL ? 'jose verify + ioredis get (cache-aside)' : 'jose verify + select by id',
        goal: 1.0,
        p50Goal: 1.0,
        p99Goal: REDIS_URL ? 1.0 : 1.5,
        hitRatio: true,
        request: () => ({ method: 'GET', path: '/api/users/{id}', headers: { authorization } }),
      },
      {
        name: 'GET /api/users?page=5&limit=20',
        baseline: 'jose verify + page + count(*)',
        request: () => ({ method: 'GET', path: '/api/users?page=5&limit=20', headers: { authorization } }),
      },
      {
        name: 'GET /api/users?status=active&search=Ada&sort=name&page=2',
        baseline: 'jose verify + filtered page + count(*)',
        goal: 1.0,
        request: () => ({ method: 'GET', path: '/api/users?status=active&search=Ada&sort=name&page=2&limit=20', headers: { authorization } }),
      },
      { name: 'POST /api/users', baseline: 'autocommit insert', goal: 0.7, request: (target) => create(target) },
      { name: 'POST /api/users', baseline: 'begin; insert; commit', request: (target) => create(target, 'plain') },
      { name: 'POST /api/users', baseline: 'begin; insert user; insert outbox row; commit', goal: 0.9, request: (target) => create(target, 'outbox') },
      {
        name: 'POST /api/auth/login',
        baseline: 'select + scrypt + sign + insert',
        eventLoopLag: true,
        // A few clients at a time: each login costs ~0.3 s of CPU, so more connections would only
        // queue (and the warm-up's backlog would spill into the measured run).
        connections: 4,
        request: () => ({ method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) }),
      },
    ];

    const rssIdle = service.rssMiB();
    const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? 1 : Number.POSITIVE_INFINITY) : a / b);
    const x = (value: number) => `${value.toFixed(2)}x`;
    const verdicts = (scenario: Scenario, round: Round): string => {
      const checks: [string, boolean][] = [];
      if (scenario.goal !== undefined) checks.push([`req/s >= ${scenario.goal}x`, ratio(round.ours.rps, round.base.rps) >= scenario.goal]);
      if (scenario.p50Goal !== undefined) checks.push([`p50 <= ${scenario.p50Goal}x`, ratio(round.ours.p50, round.base.p50) <= scenario.p50Goal]);
      if (scenario.p99Goal !== undefined) checks.push([`p99 <= ${scenario.p99Goal}x`, ratio(round.ours.p99, round.base.p99) <= scenario.p99Goal]);
      if (checks.length === 0) return '';
      const missed = checks.filter(([, met]) => !met).map(([goal]) => goal);
      return missed.length === 0 ? 'met' : `NOT met: ${missed.join(', ')}`;
    };
    const roundRows: string[] = [];
    const summaryRows: string[] = [];
    const notes: string[] = [];
    // Before the load: the service's background work after it (the welcome jobs of every created
    // user, in process) would take the CPU the starts are timed on.
    if (values.only === '' || 'start-up'.includes(values.only)) {
      console.log(`\nStart-up on the migrated database, ${ROUNDS} alternating rounds: spawn to the first 200 (the service's /readyz, which asks PostgreSQL; the baseline's /livez; a bare node:http server's /), RSS 1 s after it\n`);
      console.log('| process | round | ms to first 200 | RSS MiB idle |');
      console.log('|---|---:|---:|---:|');
      const bare = 'require("node:http").createServer((q, s) => s.end("ok")).listen(Number(process.env.PORT), "127.0.0.1")';
      const rows = await startupRounds(
        [
          { name: 'service', args: [...SERVICE_NODE_FLAGS, 'dist/main.js'], env: { ...env, HOST: '127.0.0.1' }, port: 3111, path: '/readyz' },
          { name: 'baseline', args: ['bench/raw-server.ts'], env, port: 3112, path: '/livez' },
          { name: 'bare node:http', args: ['-e', bare], env: {}, port: 3113, path: '/' },
        ],
        ROUNDS,
      );
      for (const row of rows) console.log(row);
    }

    for (const scenario of scenarios.filter(({ name }) => name.includes(values.only))) {
      await measure('service', scenario, 2, ids); // warm-up: JIT, pools, caches
      await measure('raw', scenario, 2, ids);
      const rounds: Round[] = [];
      for (let r = 1; r <= ROUNDS; r++) {
        await eventLoopLag(); // resets the histogram: the next scrape covers the round alone
        const lookupsBefore = scenario.hitRatio ? await cacheLookups() : undefined;
        const redisBefore = await redisCpuMs();
        const serviceBefore = service.cpuMs();
        const machineBefore = machineTicks();
        const ours = await measure('service', scenario, DURATION, ids);
        const serviceIdle = idleShare(machineBefore, machineTicks());
        const serviceCpu = service.cpuMs() - serviceBefore;
        const redisOurs = (await redisCpuMs()) - redisBefore;
        const lag = await eventLoopLag();
        let hits: string | undefined;
        if (lookupsBefore) {
          const after = await cacheLookups();
          const hit = after.hits - lookupsBefore.hits;
          const total = hit + after.misses - lookupsBefore.misses;
          hits = `${((hit / total) * 100).toFixed(1)}%`;
        }
        const redisMiddle = await redisCpuMs();
        const rawBefore = raw.cpuMs();
        const machineMiddle = machineTicks();
        const base = await measure('raw', scenario, DURATION, ids);
        const rawIdle = idleShare(machineMiddle, machineTicks());
        const rawCpu = raw.cpuMs() - rawBefore;
        const redisBase = (await redisCpuMs()) - redisMiddle;
        // Redis's own CPU per request (INFO cpu, user + sys): the work each server asks of it.
        const perRequest = (ms: number, figures: Figures) => ((ms * 1000) / Math.max(1, figures.requests)).toFixed(1);
        const redisCpu = REDIS_URL ? `Redis CPU ${perRequest(redisOurs, ours)} / ${perRequest(redisBase, base)} µs per request` : undefined;
        // Each server's own CPU per request (user + sys, from /proc): what the machine pays for one answer.
        // With the machine's idle share: a server that leaves CPU idle is waiting, not working.
        const serverCpu = `server CPU ${perRequest(serviceCpu, ours)} / ${perRequest(rawCpu, base)} µs per request, machine idle ${serviceIdle} / ${rawIdle}`;
        const round = { ours, base, lag, hits, redisCpu };
        rounds.push(round);
        const row =
          `| ${scenario.name} | ${r} | ${ours.rps.toFixed(0)} | ${ours.p50} / ${ours.p99} | ${base.rps.toFixed(0)} | ${base.p50} / ${base.p99} | ` +
          `**${x(ratio(ours.rps, base.rps))}** | ${x(ratio(ours.p50, base.p50))} | **${x(ratio(ours.p99, base.p99))}** | ` +
          `${lag.p99.toFixed(1)} / ${lag.max.toFixed(1)} | ${hits ?? ''} | ${verdicts(scenario, round)} |` +
          (ours.errors + base.errors > 0 ? ` errors: ${ours.errors}/${base.errors}` : '') +
          ` ${serverCpu}` +
          (redisCpu ? `; ${redisCpu}` : '');
        roundRows.push(row);
        console.log(row); // as it comes: a long run shows progress
      }
      // The summary shows the round with the median throughput ratio.
      const median = [...rounds].sort((a, b) => ratio(a.ours.rps, a.base.rps) - ratio(b.ours.rps, b.base.rps))[Math.floor(rounds.length / 2)] as Round;
      const { ours, base } = median;
      const throughput = ratio(ours.rps, base.rps);
      const verdict = scenario.goal === undefined ? '' : throughput >= scenario.goal ? `met (>= ${scenario.goal}x)` : `NOT met (< ${scenario.goal}x)`;
      summaryRows.push(
        `| ${scenario.name} | ${scenario.baseline} | ${ours.rps.toFixed(0)} | ${ours.p50} / ${ours.p99} | ${base.rps.toFixed(0)} | ${base.p50} / ${base.p99} | **${x(throughput)}** | ${verdict} |`,
      );
      if (scenario.hitRatio) notes.push(`${scenario.name}: user-cache hit ratio per round ${rounds.map((round) => round.hits).join(', ')} (holders included)`);
      if (scenario.eventLoopLag) {
        const worst = Math.max(...rounds.map((round) => round.lag.p99));
        notes.push(`${scenario.name}: service event-loop delay p99 ${rounds.map((round) => round.lag.p99.toFixed(1)).join(', ')} ms (goal p99 < 5 ms: ${worst < 5 ? 'met' : 'NOT met'})`);
      }
    }
    const rssAfter = service.rssMiB();
    console.log(`\n${USERS.toLocaleString('en')} users (GET by id over ${ids.length.toLocaleString('en')} random ones), ${CONNECTIONS} connections, ${DURATION}s per round, ${ROUNDS} round(s) alternating service / baseline, ${TOOL}${TOOL === 'wrk' ? ` (${THREADS} threads)` : ''}, Node ${process.version}\n`);
    console.log('Every round (ratios service / baseline; event-loop delay of the service during its run):\n');
    console.log('| scenario | round | service req/s | service p50 / p99 ms | raw req/s | raw p50 / p99 ms | req/s ratio | p50 ratio | p99 ratio | loop delay p99 / max ms | cache hits | goal |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const row of roundRows) console.log(row);
    console.log('\nSummary (the median round of each scenario):\n');
    console.log('| scenario | raw baseline does | service req/s | service p50 / p99 ms | raw req/s | raw p50 / p99 ms | ratio | goal |');
    console.log('|---|---|---:|---:|---:|---:|---:|---|');
    for (const row of summaryRows) console.log(row);
    for (const note of notes) console.log(`\n${note}`);
    if (sink) console.log(`\nTracing on: the service sent ${(sink.bytes() / 1048576).toFixed(1)} MiB of OTLP/HTTP JSON spans to the sink.`);
    console.log(`\nService: start-up ${service.readyMs.toFixed(0)} ms (spawn to first 200 from /readyz, migrations applied); RSS ${rssIdle.toFixed(0)} MiB idle after seeding, ${rssAfter.toFixed(0)} MiB after the load. Baseline: start-up ${raw.readyMs.toFixed(0)} ms, RSS ${raw.rssMiB().toFixed(0)} MiB after.`);

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

    if (values.only === 'edge') {
      console.log(`\nThe edge: workerd and Node through one PgBouncer, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION} s\n`);
      console.log('| scenario | edge (workerd) | Node | edge / Node | |');
      console.log('|---|---:|---:|---:|---|');
      const shared = { tool: TOOL, rounds: ROUNDS, duration: DURATION, connections: CONNECTIONS, threads: THREADS };
      for (const row of await edgeScenarios({ databaseUrl: DATABASE_URL, env, authorization, ids, ...shared })) console.log(row);
    }

    if (values.only === '' || 'listing at scale'.includes(values.only)) {
      console.log(`\nListing at scale: ${USERS.toLocaleString('en')} users, ${POSTS_PER_USER} posts each; sequential requests, ms\n`);
      console.log('| scenario | service p50 / p99 | its SQL alone p50 / p99 | goal | |');
      console.log('|---|---:|---:|---|---|');
      for (const row of await scaleScenarios({ base: 'http://127.0.0.1:3101', authorization, databaseUrl: DATABASE_URL })) console.log(row);
    }
  } finally {
    for (const running of processes.reverse()) await running.stop();
    await sink?.close();
  }
}

await main();
