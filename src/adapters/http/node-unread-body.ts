import { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import type { Socket } from 'node:net';

/** How much of an unwanted body is read and thrown away, and for how long, before the connection is cut. */
export type LingerLimits = { maxBytes: number; maxMs: number };

const DEFAULT_LIMITS: LingerLimits = { maxBytes: 64 * 1024 * 1024, maxMs: 10_000 };
/** After our FIN, how long the client may take to close its side before the socket is destroyed. */
const CLOSE_GRACE_MS = 2_000;

type NodeBindings = { incoming?: IncomingMessage | Http2ServerRequest };
type Fetch = (request: Request, env: NodeBindings) => Response | Promise<Response>;

/**
 * For @hono/node-server: an answer written while the request body is still arriving (a 413 on
 * Content-Length, a 401 or 415 before the body is looked at) says `Connection: close`, and the
 * rest of the body is read and discarded before the connection closes. Node alone would keep the
 * connection alive, and @hono/node-server then cuts it after 500 ms of draining; closing a socket
 * with unread data makes the kernel send a reset, which can destroy the answer before the client
 * reads it (Node's fetch: `other side closed`). Servers call this a lingering close.
 */
export function closeAfterUnreadBody(fetch: Fetch, limits: LingerLimits = DEFAULT_LIMITS): Fetch {
  return async (request, env) => {
    const response = await fetch(request, env);
    const incoming = env?.incoming;
    // HTTP/2 ends a stream without touching the connection: nothing to do there.
    if (!(incoming instanceof IncomingMessage) || incoming.complete || incoming.destroyed) return response;
    lingerOnClose(incoming, limits);
    return withConnectionClose(response);
  };
}

function withConnectionClose(response: Response): Response {
  try {
    response.headers.set('Connection', 'close');
    return response;
  } catch {
    // Immutable headers (a Response from fetch()): copy it.
    const copy = new Response(response.body, response);
    copy.headers.set('Connection', 'close');
    return copy;
  }
}

/**
 * `Connection: close` makes node:http call `socket.destroySoon()` once the answer is written
 * (its resOnFinish), which destroys the socket as soon as the answer is flushed. Replaced, for
 * this socket only, by: discard the body as it comes; when it has all come, end our side (FIN)
 * and let the client close its own; past the limits, cut it anyway.
 */
function lingerOnClose(incoming: IncomingMessage, { maxBytes, maxMs }: LingerLimits): void {
  const socket: Socket = incoming.socket;
  let started = false;
  socket.destroySoon = () => {
    if (started) return; // @hono/node-server's own drain calls it again
    started = true;
    let discarded = 0;
    const cut = () => socket.destroy();
    const finish = () => {
      clearTimeout(limit);
      if (!socket.writableEnded) socket.end();
      setTimeout(cut, CLOSE_GRACE_MS).unref();
    };
    const limit = setTimeout(finish, maxMs);
    limit.unref();
    // Whoever was reading the body (a body-limit reader that gave up) holds it paused: take over.
    incoming.removeAllListeners('data');
    incoming.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > maxBytes) finish();
    });
    incoming.once('end', finish);
    incoming.once('error', finish);
    socket.once('close', () => clearTimeout(limit));
    incoming.resume();
    if (incoming.readableEnded) finish();
  };
}
