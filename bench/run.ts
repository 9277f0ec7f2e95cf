/**
 * `npm run bench [-- --users 10000 --duration 10 --connections 20]`
 *
 * Seeds PostgreSQL, starts the service and the raw node:http + pg baseline as two processes on
 * the same database, and drives both with autocannon, one after the other, with the same
 * requests. Prints req/s, p50 and p99 for each and the ratio service/baseline. Absolute numbers
 * depend on the machine; the ratios are the point.
 */
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import { ensureDatabase, seedUsers } from './seed.ts';
import { startProcess, type Running } from './processes.ts';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
  },
});
const USERS = Number(values.users);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bench';

type Target = 'service' | 'raw';
type Scenario = { name: string; baseline: string; goal?: number; request: (target: Target) => autocannon.Request };
type Figures = { rps: number; p50: number; p99: number; errors: number };

async function measure(target: Target, scenario: Scenario, duration: number): Promise<Figures> {
  const result = await autocannon({
    url: `http://127.0.0.1:${target === 'service' ? 3101 : 3102}`,
    connections: CONNECTIONS,
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

async function main(): Promise<void> {
  await ensureDatabase(DATABASE_URL);
  const env = { DATABASE_URL, LOG_LEVEL: 'info', NODE_ENV: 'production', CURSOR_SECRET: 'bench-secret-bench-secret-bench-secret' };
  const processes: Running[] = [];
  try {
    // The service first: its start applies the migrations the seed and the baseline rely on.
    const service = await startProcess('service', ['src/main.ts'], { ...env, PORT: '3101', HOST: '127.0.0.1' }, 'http://127.0.0.1:3101/readyz');
    processes.push(service);
    console.log(`seeding ${USERS.toLocaleString('en')} users ...`);
    const ids = await seedUsers(DATABASE_URL, USERS);
    const raw = await startProcess('baseline', ['bench/raw-server.ts'], { ...env, PORT: '3102' }, 'http://127.0.0.1:3102/api/users?limit=1');
    processes.push(raw);

    let created = 0;
    const runId = Date.now().toString(36);
    const create = (target: Target, transactional: boolean): autocannon.Request => ({
      method: 'POST',
      path: '/api/users',
      headers: { 'content-type': 'application/json', ...(transactional && target === 'raw' ? { 'x-bench-transaction': '1' } : {}) },
      body: JSON.stringify({ name: 'Bench User', email: `bench-${runId}-${created++}@example.com` }),
    });
    const scenarios: Scenario[] = [
      {
        name: 'GET /api/users/:id',
        baseline: 'select by id',
        goal: 0.8,
        request: () => ({ method: 'GET', path: `/api/users/${ids[Math.floor(Math.random() * ids.length)]}` }),
      },
      {
        name: 'GET /api/users?page=5&limit=20',
        baseline: 'page + count(*)',
        request: () => ({ method: 'GET', path: '/api/users?page=5&limit=20' }),
      },
      { name: 'POST /api/users', baseline: 'autocommit insert', goal: 0.7, request: (target) => create(target, false) },
      { name: 'POST /api/users', baseline: 'begin; insert; commit', request: (target) => create(target, true) },
    ];

    const rows: string[] = [];
    for (const scenario of scenarios) {
      await measure('service', scenario, 2); // warm-up: JIT, pools, caches
      await measure('raw', scenario, 2);
      const ours = await measure('service', scenario, DURATION);
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
  } finally {
    for (const running of processes.reverse()) await running.stop();
  }
}

await main();
