import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Requests node:http refuses before any handler runs (headers over its limit, a malformed
 * request line or method) would otherwise get Node's bare text response. This answers them in
 * the contract's envelope with the headers every response carries, then closes the connection,
 * whose state after a parse error cannot be trusted.
 */
export function answerClientErrorsInEnvelope(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const [status, reason, message] = tooLarge
      ? [431, 'Request Header Fields Too Large', 'Request headers are too large']
      : [400, 'Bad Request', 'The request is not valid HTTP'];
    const body = JSON.stringify({ error: { code: 'BAD_REQUEST', message } });
    socket.end(
      [
        `HTTP/1.1 ${status} ${reason}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${randomUUID()}`,
        'X-Content-Type-Options: nosniff',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}
