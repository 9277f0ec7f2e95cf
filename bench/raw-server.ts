/**
 * The baseline: node:http + pg + jose doing the same work as the service for the benchmarked
 * routes (verify the bearer token with the same algorithm, parse, validate, one parameterised
 * query, the same JSON envelope and headers), with none of the layers. The ratio service/baseline
 * is the cost of the architecture. It verifies every token's signature, as a plain jose server
 * would; the service's verified-token cache is one of the things being measured.
 *
 * With REDIS_URL, GET /api/users/:id is plain cache-aside on Redis with ioredis (GET; on a miss,
 * the select and a SET with a TTL), as the service does with REDIS_URL, minus its guards.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';
import { Redis } from 'ioredis';
import pg from 'pg';

const privateJwk = JSON.parse(process.env.JWT_PRIVATE_KEY ?? '{}') as JWK;
const { d: _private, ...publicJwk } = privateJwk;
const signingKey = (await importJWK(privateJwk, 'EdDSA')) as CryptoKey;
const verifyingKey = (await importJWK(publicJwk, 'EdDSA')) as CryptoKey;
const TOKEN_CHECKS = { algorithms: ['EdDSA'], issuer: 'users-service', audience: 'users-api', typ: 'at+jwt' };

/** 401 unless a valid bearer token is sent; the same checks as the service's verification. */
async function authorized(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  try {
    if (!token) throw new Error('no token');
    await jwtVerify(token, verifyingKey, TOKEN_CHECKS);
    return true;
  } catch {
    send(res, 401, { error: { code: 'UNAUTHORIZED', message: 'Invalid or expired access token' } }, { 'www-authenticate': 'Bearer realm="api"' });
    return false;
  }
}

function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [, N, r, p, salt, key] = stored.split('$');
  const expected = Buffer.from(key ?? '', 'base64url');
  const cost = { N: Number(N), r: Number(r), p: Number(p), maxmem: 256 * Number(N) * Number(r) };
  return new Promise((resolve) =>
    scrypt(password.normalize('NFC'), Buffer.from(salt ?? '', 'base64url'), expected.length, cost, (err, actual) =>
      resolve(!err && timingSafeEqual(actual, expected)),
    ),
  );
}

/** Login's same work: find by email, scrypt, sign an access token, store a hashed refresh token. */
async function login(res: ServerResponse, email: string, password: string): Promise<void> {
  const { rows } = await pool.query<Row & { password_hash: string | null }>(
    `select ${COLUMNS}, password_hash from users where lower(email) = lower($1)`,
    [email],
  );
  const user = rows[0];
  if (!user?.password_hash || !(await verifyPassword(password, user.password_hash))) {
    return send(res, 401, { error: { code: 'UNAUTHORIZED', message: 'Invalid email or password' } });
  }
  const sessionId = randomUUID();
  const accessToken = await new SignJWT({ email: user.email, role: user.role, sid: sessionId })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt' })
    .setSubject(user.id).setIssuer('users-service').setAudience('users-api').setIssuedAt().setExpirationTime('15m').setJti(randomUUID())
    .sign(signingKey);
  const refreshToken = randomBytes(32).toString('base64url');
  await pool.query(
    `insert into refresh_tokens (id, session_id, user_id, token_hash, created_at, expires_at) values ($1, $2, $3, $4, now(), now() + interval '30 days')`,
    [randomUUID(), sessionId, user.id, createHash('sha256').update(refreshToken).digest('hex')],
  );
  send(res, 200, { data: { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: 900 } }, { 'cache-control': 'no-store' });
}

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined;

/** The JSON body and ETag of a user, from Redis when it has them (cache-aside), else PostgreSQL. */
async function userById(id: string): Promise<{ body: string; etag: string } | null> {
  const cached = await redis?.get(`bench:user:${id}`);
  if (cached) {
    const separator = cached.indexOf('|');
    return { etag: cached.slice(0, separator), body: cached.slice(separator + 1) };
  }
  const { rows } = await pool.query<Row>(`select ${COLUMNS} from users where id = $1`, [id]);
  const row = rows[0];
  if (!row) return null;
  const entry = { etag: `"v${row.version}"`, body: JSON.stringify({ data: present(row) }) };
  await redis?.set(`bench:user:${id}`, `${entry.etag}|${entry.body}`, 'EX', 3600);
  return entry;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = 'id, name, email, status, role, created_at, updated_at, version';

type Row = { id: string; name: string; email: string; status: string; role: string; created_at: Date; updated_at: Date; version: number };
const present = (r: Row) => ({
  id: r.id, name: r.name, email: r.email, status: r.status, role: r.role,
  createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
});

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendText(res, status, JSON.stringify(body), headers);
}

function sendText(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-request-id': randomUUID(),
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(body);
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

/**
 * Where the baseline records its events: the outbox's shape in a table of its own, so the service's
 * relay (same database) never publishes or deletes the baseline's rows.
 */
await pool.query('create table if not exists bench_outbox (like outbox including defaults)');
const INSERT_EVENT = `insert into bench_outbox (id, type, data, occurred_at, available_at) values ($1, 'user.created', $2::jsonb, $3, $3)`;

/**
 * The same insert inside BEGIN/COMMIT, as the service's unit of work runs it: the like-for-like
 * baseline; with `withEvent`, the user.created event's row too, as the service's outbox writes it.
 */
async function insertInTransaction(name: string, email: string, withEvent: boolean): Promise<Row> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const row = await insert(client, name, email);
    if (withEvent) {
      const now = new Date();
      const event = { id: randomUUID(), type: 'user.created', data: present(row), timestamp: now.getTime() };
      await client.query(INSERT_EVENT, [event.id, JSON.stringify(event), now]);
    }
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
  if (url.pathname === '/livez') return send(res, 200, { data: { status: 'ok' } });
  if (req.method === 'POST' && url.pathname === '/api/auth/login') {
    const body = await readJson(req);
    return login(res, String(body.email ?? ''), String(body.password ?? ''));
  }
  if (url.pathname.startsWith('/api/') && !(await authorized(req, res))) return;
  const match = /^\/api\/users\/([^/]+)$/.exec(url.pathname);
  if (req.method === 'GET' && match) {
    const id = match[1] as string;
    if (!UUID.test(id)) return send(res, 404, { error: { code: 'NOT_FOUND', message: 'User not found' } });
    const user = await userById(id);
    if (!user) return send(res, 404, { error: { code: 'NOT_FOUND', message: 'User not found' } });
    return sendText(res, 200, user.body, { etag: user.etag });
  }
  if (req.method === 'GET' && url.pathname === '/api/users') {
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const page = Number(url.searchParams.get('page') ?? 1);
    // The filters, search and sorts the benchmark sends, as the service's SQL applies them.
    const conditions: string[] = [];
    const params: string[] = [];
    const status = url.searchParams.get('status');
    if (status) conditions.push(`status = $${params.push(status)}`);
    const search = url.searchParams.get('search');
    if (search) conditions.push(`(name ilike $${params.push(`%${search}%`)} or email ilike $${params.length})`);
    const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
    const order = url.searchParams.get('sort') === 'name' ? 'name collate "C" asc, id asc' : 'created_at desc, id desc';
    const [list, count] = await Promise.all([
      pool.query<Row>(`select ${COLUMNS} from users ${where} order by ${order} limit ${limit} offset ${(page - 1) * limit}`, params),
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
    const transaction = req.headers['x-bench-transaction'];
    const row = transaction ? await insertInTransaction(name, email, transaction === 'outbox') : await insert(pool, name, email);
    return send(res, 201, { data: present(row) }, { location: `/api/users/${row.id}`, etag: `"v${row.version}"` });
  }
  send(res, 404, { error: { code: 'NOT_FOUND', message: 'Route not found' } });
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => send(res, 500, { error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' } }));
});
server.listen(Number(process.env.PORT ?? 3001), '127.0.0.1', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
