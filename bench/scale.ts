/**
 * Listing at scale (issue 4): each scenario's service latency (sequential requests, p50 / p99)
 * beside the time of the SQL it sends, run straight on PostgreSQL with `pg` in the same run.
 * Run it on a big database: `npm run bench -- --users 1000000`.
 */
import pg from 'pg';

type Latency = { p50: number; p99: number };
type Scenario = {
  name: string;
  goal: string;
  path: string;
  /** The SQL the service runs for it (the page, and its total or embedded posts), in one round trip each. */
  sql: readonly { text: string; values?: unknown[] }[];
  check?: (p50: number, pageOne: number) => boolean;
};

const SAMPLES = 200;
const COLUMNS = 'id, name, email, status, role, password_hash, created_at, updated_at, version';

function percentiles(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { p50: at(0.5), p99: at(0.99) };
}

async function timeService(base: string, path: string, authorization: string): Promise<Latency> {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { authorization } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 20; i++) await once(); // warm-up: JIT, caches, pool
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) times.push(await once());
  return percentiles(times);
}

async function timeSql(client: pg.Client, statements: Scenario['sql']): Promise<Latency> {
  const once = async () => {
    const started = performance.now();
    for (const { text, values } of statements) await client.query(text, values);
    return performance.now() - started;
  };
  for (let i = 0; i < 20; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) times.push(await once());
  return percentiles(times);
}

/** Follows nextCursor from the top until `depth` rows have been passed; returns the cursor and the last row. */
async function cursorAtDepth(base: string, listing: string, depth: number, authorization: string) {
  let cursor: string | null = null;
  let last: { id: string; createdAt: string } | undefined;
  for (let seen = 0; seen < depth; seen += 100) {
    const path: string = `${listing}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = (await (await fetch(`${base}${path}`, { headers: { authorization } })).json()) as {
      data: { id: string; createdAt: string }[];
      pagination: { nextCursor: string | null };
    };
    last = page.data.at(-1);
    cursor = page.pagination.nextCursor;
    if (!cursor) throw new Error(`the listing ends before depth ${depth}`);
  }
  return { cursor: cursor as string, last: last as { id: string; createdAt: string } };
}

export async function scaleScenarios(options: { base: string; authorization: string; databaseUrl: string }): Promise<string[]> {
  const { base, authorization } = options;
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    // The create scenarios just added tens of thousands of rows: at 10,000 users that is 15x the
    // table, and until autovacuum's ANALYZE catches up the planner works from the old statistics
    // (measured: a search took 107 ms on a sequential scan, 0.5 ms on the trigram index once
    // analyzed). Production gets there within a minute; measure that steady state.
    await client.query('vacuum analyze users, posts');
    const listing = '/api/users?status=active&sort=-createdAt';
    const depth = await cursorAtDepth(base, listing, 10_000, authorization);
    const activePage = `select ${COLUMNS} from users where status = 'active' order by created_at desc, id desc`;
    const counter = (key: string) => ({ text: 'select sum(n) from row_counts where key = $1', values: [key] });
    // A full name (about 1 user in 4,900, as a person looking for someone types it) and a common
    // surname (1 in 70): the exact total makes the second count every match.
    const searchOf = (term: string, share: string, goal: boolean): Scenario => ({
      name: `users, search=${term} (${share})`,
      goal: 'p50 <= 30 ms',
      path: `/api/users?search=${encodeURIComponent(term)}&limit=20`,
      sql: [
        { text: `select ${COLUMNS} from users where name ilike $1 or email ilike $1 order by created_at desc, id desc limit 20`, values: [`%${term}%`] },
        { text: 'select count(*) from users where name ilike $1 or email ilike $1', values: [`%${term}%`] },
      ],
      check: (p50) => goal && p50 <= 30,
    });
    const scenarios: Scenario[] = [
      {
        name: 'users, status=active, sort=-createdAt, page 1',
        goal: 'p50 <= 10 ms',
        path: `${listing}&limit=20`,
        sql: [{ text: `${activePage} limit 20` }, counter('users|status:active')],
        check: (p50) => p50 <= 10,
      },
      {
        name: 'the same listing, cursor at depth 10,000',
        goal: 'within 1.5x page 1',
        path: `${listing}&limit=20&cursor=${encodeURIComponent(depth.cursor)}`,
        sql: [
          {
            text: `select ${COLUMNS} from users where status = 'active' and (created_at, id) < ($1, $2) order by created_at desc, id desc limit 21`,
            values: [depth.last.createdAt, depth.last.id],
          },
        ],
        check: (p50, pageOne) => p50 <= 1.5 * pageOne,
      },
      searchOf('Ada Lovelace', '1 user in 4,900', true),
      searchOf('Dijkstra', '1 user in 70', true),
      {
        name: 'users, include=posts, page of 20',
        goal: 'p50 <= 15 ms',
        path: '/api/users?include=posts&limit=20',
        sql: [
          { text: `select ${COLUMNS} from users order by created_at desc, id desc limit 20` },
          counter('users'),
          {
            text: `select p.* from (select id from users order by created_at desc, id desc limit 20) a cross join lateral
                   (select * from posts where author_id = a.id order by created_at desc, id desc limit 10) p`,
          },
        ],
        check: (p50) => p50 <= 15,
      },
    ];
    const rows: string[] = [];
    let pageOne = Number.NaN;
    for (const scenario of scenarios) {
      const service = await timeService(base, scenario.path, authorization);
      const sql = await timeSql(client, scenario.sql);
      if (Number.isNaN(pageOne)) pageOne = service.p50;
      const met = scenario.check?.(service.p50, pageOne);
      rows.push(
        `| ${scenario.name} | ${service.p50.toFixed(1)} / ${service.p99.toFixed(1)} | ${sql.p50.toFixed(1)} / ${sql.p99.toFixed(1)} | ${scenario.goal} | ${met ? 'met' : 'NOT met'} |`,
      );
    }
    return rows;
  } finally {
    await client.end();
  }
}
