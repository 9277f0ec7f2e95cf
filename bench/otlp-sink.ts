import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Where the service sends its spans when the benchmark runs with `--tracing`: an OTLP/HTTP endpoint
 * that reads each export, counts its bytes and answers 200, so the cost measured is the service's
 * (making, batching and sending spans), not a collector's.
 */
export async function startOtlpSink(): Promise<{ url: string; bytes(): number; close(): Promise<void> }> {
  let bytes = 0;
  const server = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bytes: () => bytes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
