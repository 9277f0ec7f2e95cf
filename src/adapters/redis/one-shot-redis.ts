import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { encodeCommand, readReply, RedisReplyError, type RespReply } from './resp-reply.ts';

// The callers' replies are a few numbers: a reply this long is a hostile or confused server, and
// buffering it until the timeout could take an isolate's whole memory (128 MiB on Workers).
const MAX_PENDING_BYTES = 1024 * 1024;

export type RedisCommand = readonly (string | number)[];

/**
 * Sends `commands` to the Redis at `url` on a connection of their own, and closes it once every
 * reply is in: for runtimes where a socket cannot outlive the request that opened it (workerd,
 * where node:net is Cloudflare's socket). The password and database of the URL go first, in the
 * same write (pipelined): one round trip after the connect. Rejects on an error reply, a closed
 * connection or `timeoutMs` passing, whichever comes first; the connection is closed in every case.
 */
export function sendToRedis(url: string, commands: readonly RedisCommand[], options: { timeoutMs: number }): Promise<RespReply[]> {
  const target = new URL(url);
  const setup = setupCommands(target);
  const all = [...setup, ...commands];
  return new Promise((resolve, reject) => {
    const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(target.port || 6379);
    const socket: Socket = target.protocol === 'rediss:' ? connectTls({ host, port, servername: host }) : connectTcp({ host, port });
    let received: Uint8Array = new Uint8Array(0);
    const replies: RespReply[] = [];
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return; // destroy() closes the socket, which reports here again
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) return reject(error);
      const failed = replies.find((reply): reply is RedisReplyError => reply instanceof RedisReplyError);
      if (failed) return reject(failed);
      resolve(replies.slice(setup.length));
    };
    const timer = setTimeout(() => finish(new Error(`Redis did not answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(new Error('Redis closed the connection before answering')));
    socket.on('data', (chunk: Uint8Array) => {
      received = concat(received, chunk);
      if (received.length > MAX_PENDING_BYTES) return finish(new Error(`Redis sent a reply larger than ${MAX_PENDING_BYTES} bytes`));
      let read;
      try {
        while (replies.length < all.length && (read = readReply(received))) {
          replies.push(read.reply);
          received = received.subarray(read.next);
        }
      } catch (error) {
        return finish(error as Error);
      }
      if (replies.length === all.length) finish();
    });
    const payload = all.map(encodeCommand);
    socket.write(concat(...payload));
  });
}

/**
 * AUTH (with the URL's user, if any, and password) and SELECT (the URL's path), as ioredis does:
 * credentials or a database the URL leaves out are read from `?username=`, `?password=` and `?db=`,
 * or the edge would fail to authenticate, or count in another database, than the Node instances.
 */
function setupCommands(url: URL): RedisCommand[] {
  const commands: RedisCommand[] = [];
  const query = url.searchParams;
  const inUserinfo = url.username !== '' || url.password !== '';
  const password = inUserinfo ? decodeURIComponent(url.password) : (query.get('password') ?? '');
  const username = inUserinfo ? decodeURIComponent(url.username) : (query.get('username') ?? '');
  if (password) commands.push(username ? ['AUTH', username, password] : ['AUTH', password]);
  const database = url.pathname.length > 1 ? url.pathname.slice(1) : (query.get('db') ?? '');
  if (/^\d+$/.test(database) && Number(database) !== 0) commands.push(['SELECT', database]);
  return commands;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
