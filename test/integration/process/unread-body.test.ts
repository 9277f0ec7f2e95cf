import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../support/until.ts';
import { signIn, startService, type ServiceProcess } from './service-process.ts';

/**
 * Answers sent before the request body was read, through the real entry point and real sockets
 * (API.md, Conventions): they carry `Connection: close` and reach the client intact, however much
 * it is still sending; a client that stops sending mid-body is logged as aborted, not as a 500.
 * The attack these replay: 413s with keep-alive and a reset under a client still sending lost
 * 10 of 20 answers to Node's fetch (`other side closed`).
 */
const LIMIT = 4096;
const BIG = 2 * 1024 * 1024;
const bigJson = JSON.stringify({ name: 'x'.repeat(BIG), email: 'big@example.com', password: 'long-enough-password' });

let service: ServiceProcess;
beforeAll(async () => {
  service = await startService({ DATA_DIR: 'memory', BODY_LIMIT_BYTES: String(LIMIT), RATE_LIMIT_MAX: '1000000', REGISTER_RATE_LIMIT_MAX: '1000000' });
});
afterAll(async () => {
  service?.child.kill('SIGTERM');
  await service?.exit;
});

type Outcome = { status: number; connection: string | null; code?: string } | { error: string };

async function post(path: string, headers: Record<string, string>, body: string | ReadableStream<Uint8Array>, streamed = false): Promise<Outcome> {
  try {
    const init = { method: 'POST', headers, body, ...(streamed ? { duplex: 'half' } : {}) } as RequestInit;
    const res = await fetch(`${service.url}${path}`, init);
    const parsed = (await res.json()) as { error?: { code: string } };
    return { status: res.status, connection: res.headers.get('connection'), code: parsed.error?.code };
  } catch (error) {
    const cause = (error as Error).cause as Error | undefined;
    return { error: String(cause?.message ?? error) };
  }
}

/** `count` requests, `concurrency` at a time. */
async function many(count: number, concurrency: number, send: () => Promise<Outcome>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let done = 0; done < count; done += concurrency) {
    outcomes.push(...(await Promise.all(Array.from({ length: Math.min(concurrency, count - done) }, send))));
  }
  return outcomes;
}

function streamOf(total: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  const bytes = new TextEncoder().encode('x'.repeat(chunk));
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      sent += chunk;
      controller.enqueue(bytes);
    },
  });
}

const JSON_HEADERS = { 'content-type': 'application/json' };

describe('answers sent before the body was read', () => {
  it('delivers 100 over-limit POSTs from Node fetch as 413 with Connection: close, none lost', async () => {
    const outcomes = await many(100, 20, () => post('/api/auth/register', JSON_HEADERS, bigJson));
    expect(outcomes.filter((outcome) => 'error' in outcome)).toEqual([]);
    for (const outcome of outcomes) expect(outcome).toEqual({ status: 413, connection: 'close', code: 'PAYLOAD_TOO_LARGE' });
  }, 120_000);

  it('does the same for streamed (chunked) bodies, which the limit counts as they arrive', async () => {
    const outcomes = await many(40, 20, () => post('/api/auth/register', JSON_HEADERS, streamOf(BIG), true));
    expect(outcomes.filter((outcome) => 'error' in outcome)).toEqual([]);
    for (const outcome of outcomes) expect(outcome).toEqual({ status: 413, connection: 'close', code: 'PAYLOAD_TOO_LARGE' });
  }, 120_000);

  it('delivers a 401 and a 415 to a POST with a large body likewise', async () => {
    const unauthorized = await many(20, 10, () => post('/api/users', JSON_HEADERS, bigJson));
    const unsupported = await many(20, 10, () => post('/api/auth/register', { 'content-type': 'text/plain' }, bigJson));
    expect([...unauthorized, ...unsupported].filter((outcome) => 'error' in outcome)).toEqual([]);
    for (const outcome of unauthorized) expect(outcome).toEqual({ status: 401, connection: 'close', code: 'UNAUTHORIZED' });
    for (const outcome of unsupported) expect(outcome).toEqual({ status: 415, connection: 'close', code: 'UNSUPPORTED_MEDIA_TYPE' });
  }, 120_000);

  it('lets a slow raw client finish sending after the answer, then closes: no reset', async () => {
    const result = await new Promise<{ reply: string; written: number; error?: string; endedAfterLastWrite: boolean }>((resolve) => {
      const socket = connect(service.port, '127.0.0.1');
      let reply = '';
      let written = 0;
      let finishedWriting = false;
      let error: string | undefined;
      socket.on('data', (chunk: Buffer) => (reply += chunk.toString('utf8')));
      socket.on('error', (failure: NodeJS.ErrnoException) => (error = failure.code ?? failure.message));
      socket.on('close', () => resolve({ reply, written, error, endedAfterLastWrite: finishedWriting }));
      socket.write(`POST /api/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${BIG}\r\n\r\n`);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      // 2 MB in 64 KB pieces, one every 20 ms: still sending well after the 413 was written.
      const timer = setInterval(() => {
        if (socket.destroyed) return clearInterval(timer);
        socket.write(chunk, (failure) => (failure ? undefined : (written += chunk.length)));
        if (written + chunk.length >= BIG) {
          clearInterval(timer);
          finishedWriting = true;
        }
      }, 20);
    });
    expect(result.error).toBeUndefined();
    expect(result.written).toBe(BIG);
    expect(result.endedAfterLastWrite).toBe(true);
    expect(result.reply).toMatch(/^HTTP\/1.1 413 /);
    expect(result.reply).toMatch(/\r\nconnection: close\r\n/i);
    expect(JSON.parse(result.reply.slice(result.reply.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  }, 60_000);

  it('answers a slow http.request still sending: the answer arrives whole, the server resets nothing', async () => {
    const result = await new Promise<{ status: number; connection: string | undefined; body: string; resets: string[] }>((resolve, reject) => {
      const resets: string[] = [];
      const req = request({ host: '127.0.0.1', port: service.port, method: 'POST', path: '/api/auth/register', headers: { ...JSON_HEADERS, 'content-length': String(BIG) } });
      req.on('error', reject);
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => setTimeout(() => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text, resets }), 200));
      });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const timer = setInterval(() => {
        if (sent >= BIG || req.destroyed) return clearInterval(timer);
        sent += chunk.length;
        // Once the answer has ended, Node's client closes its own socket (Connection: close) and
        // refuses further writes itself (ERR_STREAM_DESTROYED); a reset would be ECONNRESET or EPIPE.
        req.write(chunk, (error) => {
          const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
          if (code === 'ECONNRESET' || code === 'EPIPE') resets.push(code);
        });
      }, 20);
    });
    expect(result.status).toBe(413);
    expect(result.connection).toBe('close');
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(result.resets).toEqual([]);
  }, 60_000);
});

describe('a 429 answered before the body was read', () => {
  // A service of its own with a tiny general limit; the bodies are under the size limit, so the
  // limiter is the only reason the body goes unread.
  let limited: ServiceProcess;
  beforeAll(async () => {
    limited = await startService({ DATA_DIR: 'memory', RATE_LIMIT_MAX: '3', REGISTER_RATE_LIMIT_MAX: '1000000' });
  });
  afterAll(async () => {
    limited?.child.kill('SIGTERM');
    await limited?.exit;
  });

  it('carries Connection: close and reaches a client still sending, none lost', async () => {
    const body = JSON.stringify({ name: 'x'.repeat(600 * 1024), email: 'big@example.com', password: 'long-enough-password' });
    const send = async (): Promise<Outcome> => {
      try {
        const res = await fetch(`${limited.url}/api/auth/register`, { method: 'POST', headers: JSON_HEADERS, body });
        const parsed = (await res.json()) as { error?: { code: string } };
        return { status: res.status, connection: res.headers.get('connection'), code: parsed.error?.code };
      } catch (error) {
        return { error: String(((error as Error).cause as Error | undefined)?.message ?? error) };
      }
    };
    const outcomes = await many(30, 10, send);
    expect(outcomes.filter((outcome) => 'error' in outcome)).toEqual([]);
    const refused = outcomes.filter((outcome) => 'status' in outcome && outcome.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(27);
    for (const outcome of refused) expect(outcome).toEqual({ status: 429, connection: 'close', code: 'RATE_LIMITED' });
  }, 120_000);
});

describe('a client that stops sending mid-body', () => {
  async function abortMidBody(headers: Record<string, string>, requestId: string, path = '/api/auth/register'): Promise<void> {
    const req = request({ host: '127.0.0.1', port: service.port, method: 'POST', path, headers: { ...headers, 'x-request-id': requestId } });
    req.on('error', () => undefined); // our own abort
    req.write('{"name":"half a bo');
    await new Promise((resolve) => setTimeout(resolve, 200));
    req.destroy();
  }

  it('is logged as aborted, not as a 500, and is not counted as a 5xx', async () => {
    await abortMidBody({ ...JSON_HEADERS, 'transfer-encoding': 'chunked' }, 'aborted-chunked');
    await abortMidBody({ ...JSON_HEADERS, 'content-length': '1000' }, 'aborted-sized');
    const lineOf = (id: string) => service.lines.map((line) => JSON.parse(line.startsWith('{') ? line : '{}') as Record<string, unknown>).find((entry) => entry.requestId === id && entry.status !== undefined);
    await until(() => lineOf('aborted-chunked') !== undefined && lineOf('aborted-sized') !== undefined, 10_000);
    for (const id of ['aborted-chunked', 'aborted-sized']) {
      const line = lineOf(id);
      expect(line).toMatchObject({ msg: 'request aborted', status: 499 });
      expect((line?.level as number) <= 40).toBe(true);
    }
    const related = service.lines.filter((line) => line.includes('aborted-chunked') || line.includes('aborted-sized'));
    expect(related.join('\n')).not.toMatch(/unhandled error|"stack"/);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).not.toMatch(/http_requests_total\{[^}]*status="5\d\d"/);
    expect(metrics).toMatch(/http_requests_total\{method="POST",route="\/api\/auth\/register",status="499"\} 2/);
  }, 30_000);

  it('names the client and the user of an aborted signed-in request, though its socket is gone by then', async () => {
    const authorization = await signIn(service.url);
    await abortMidBody({ ...JSON_HEADERS, 'transfer-encoding': 'chunked', authorization }, 'aborted-signed-in', '/api/posts');
    const lineOf = () => service.lines.map((line) => JSON.parse(line.startsWith('{') ? line : '{}') as Record<string, unknown>).find((entry) => entry.requestId === 'aborted-signed-in' && entry.status !== undefined);
    await until(() => lineOf() !== undefined, 10_000);
    expect(lineOf()).toMatchObject({ msg: 'request aborted', status: 499, clientAddress: '127.0.0.1', userId: expect.any(String) });
  }, 30_000);
});
