import type { Readable } from 'node:stream';

/** Calls `onLine` with each whole line `stream` writes (a child process's stdout), as it comes. */
export function eachLine(stream: Readable | null, onLine: (line: string) => void): void {
  let buffered = '';
  stream?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) onLine(line);
  });
}
