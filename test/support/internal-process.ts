import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eachLine } from './output-lines.ts';
import { until } from './until.ts';

const INTERNAL = fileURLToPath(new URL('../../src/internal.ts', import.meta.url));

export type Line = Record<string, unknown> & { msg?: string };
export type InternalProcess = { child: ChildProcess; lines: Line[]; exit: Promise<number | null> };

/** `npm run start:internal` (src/internal.ts) as its own process; resolves once it says it started. */
export async function startInternal(env: Record<string, string>): Promise<InternalProcess> {
  const child = spawn(process.execPath, [INTERNAL], { env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stderr: string[] = [];
  const lines: Line[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  eachLine(child.stdout, (line) => lines.push(JSON.parse(line) as Line));
  await until(() => lines.some((line) => line.msg === 'internal process started') || child.exitCode !== null, 60_000, 'the internal process started');
  if (child.exitCode !== null) throw new Error(`internal process exited: ${stderr.join('')}`);
  return { child, lines, exit };
}
