import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureDeno } from '../../../scripts/deno.ts';
import { eachLine } from '../../support/output-lines.ts';

const MAIN = fileURLToPath(new URL('../../../src/main.ts', import.meta.url));
/** `npm run worker`'s entry point, for runToExit. */
export const WORKER = fileURLToPath(new URL('../../../src/worker.ts', import.meta.url));

export type ServiceProcess = {
  child: ChildProcess;
  port: number;
  url: string;
  /** Every line the service wrote to stdout (JSON logs). */
  lines: string[];
  exit: Promise<number | null>;
};

/** How the entry point runs: its sources on Node (this test's own binary) or Deno, or a bundle `npm run build` made. */
export type Runtime = 'node' | 'deno' | { bundle: string };

function command(runtime: Runtime): [string, string[]] {
  if (runtime === 'node') return [process.execPath, [MAIN]];
  if (typeof runtime === 'object') return [process.execPath, [runtime.bundle]];
  return [ensureDeno(), ['run', '-A', '--node-modules-dir=manual', MAIN]];
}

/** Runs the real entry point (`src/main.ts`) on a free port and waits for its `listening` line. */
export async function startService(env: Record<string, string>, runtime: Runtime = 'node'): Promise<ServiceProcess> {
  const [binary, args] = command(runtime);
  const child = spawn(binary, args, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DENO_NO_UPDATE_CHECK: '1', ...ADMIN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line; output: ${lines.join('\n')}`)), 90_000);
    eachLine(child.stdout, (line) => {
      lines.push(line);
      const parsed = safeJson(line);
      if (parsed?.msg === 'listening' && typeof parsed.port === 'number') {
        clearTimeout(timer);
        resolve(parsed.port);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code} before listening; output: ${lines.join('\n')}`));
    });
  });
  return { child, port, url: `http://127.0.0.1:${port}`, lines, exit };
}

/** Runs the entry point (the service's unless told) to completion and returns its exit code and standard error. */
export async function runToExit(env: Record<string, string>, entry = MAIN): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}

/** The admin every started service is given (ADMIN_EMAIL / ADMIN_PASSWORD), unless a test says otherwise. */
export const ADMIN = { ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'correct-horse-battery' };

/** Signs in over HTTP and returns the Authorization header value. */
export async function signIn(url: string, email = ADMIN.ADMIN_EMAIL, password = ADMIN.ADMIN_PASSWORD): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return `Bearer ${((await response.json()) as { data: { accessToken: string } }).data.accessToken}`;
}

function safeJson(line: string): Record<string, unknown> | null {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}
