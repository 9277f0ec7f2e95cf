/**
 * The baseline: node:http + pg doing the same work as the service for the benchmarked routes
 * (parse, validate, one parameterised query, the same JSON envelope and headers), with none of
 * the layers. The ratio service/baseline is the cost of the architecture.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = 'id, name, email, status, role, created_at, updated_at, version';

type Row = { id: string; name: string; email: string; status: string; role: string; created_at: Date; updated_at: Date; version: number };
const present = (r: Row) => ({
  id: r.id, name: r.name, email: r.email, status: r.status, role: r.role,
  createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
});

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-request-id': randomUUID(),
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const INSERT = `insert into users (id, name, email, status, role, password_hash, created_at, updated_at, version)
  values ($1, $2, $3, 'active', 'member', null, $4, $4, 1) returning ${COLUMNS}`;

async function insert(client: pg.Pool | pg.PoolClient, name: string, email: string): Promise<Row> {
  const { rows } = await client.query<Row>(INSERT, [randomUUID(), name, email, new Date()]);
  return rows[0] as Row;
}

/** The same insert inside BEGIN/COMMIT, as the service's unit of work runs it: the like-for-like baseline. */
async function insertInTransaction(name: string, email: string): Promise<Row> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const row = await insert(client, name, email);
    await client.query('commit');
    return row;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://raw');
  const match = /^\/api\/users\/([^/]+)$/.exec(url.pathname);
  if (req.method === 'GET' && match) {
    const id = match[1] as string;
    if (!UUID.test(id)) return send(res, 404, { error: { code: 'NOT_FOUND', message: 'User not found' } });
    const { rows } = await pool.query<Row>(`select ${COLUMNS} from users where id = $1`, [id]);
    const row = rows[0];
    if (!row) return send(res, 404, { error: { code: 'NOT_FOUND', message: 'User not found' } });
    return send(res, 200, { data: present(row) }, { etag: `"v${row.version}"` });
  }
  if (req.method === 'GET' && url.pathname === '/api/users') {
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const page = Number(url.searchParams.get('page') ?? 1);
    const status = url.searchParams.get('status');
    const where = status ? 'where status = $1' : '';
    const params = status ? [status] : [];
    const [list, count] = await Promise.all([
      pool.query<Row>(`select ${COLUMNS} from users ${where} order by created_at desc, id desc limit ${limit} offset ${(page - 1) * limit}`, params),
      pool.query<{ n: string }>(`select count(*) as n from users ${where}`, params),
    ]);
    const total = Number(count.rows[0]?.n ?? 0);
    return send(res, 200, { data: list.rows.map(present), pagination: { page, limit, total, totalPages: Math.ceil(total / limit) } });
  }
  if (req.method === 'POST' && url.pathname === '/api/users') {
    const body = await readJson(req);
    const name = String(body.name ?? '').trim();
    const email = String(body.email ?? '').trim().toLowerCase();
    if (!name || !email.includes('@')) return send(res, 400, { error: { code: 'VALIDATION_ERROR', message: 'Validation failed' } });
    const row = req.headers['x-bench-transaction'] ? await insertInTransaction(name, email) : await insert(pool, name, email);
    return send(res, 201, { data: present(row) }, { location: `/api/users/${row.id}`, etag: `"v${row.version}"` });
  }
  send(res, 404, { error: { code: 'NOT_FOUND', message: 'Route not found' } });
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => send(res, 500, { error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' } }));
});
server.listen(Number(process.env.PORT ?? 3001), '127.0.0.1', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
