import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { eachLine } from '../../support/output-lines.ts';

/** The repository root: the containers' WORKDIR (/app) holds the same src/ and package.json. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const read = (path: string) => readFile(new URL(path, `file://${ROOT}`), 'utf8');

/** The image's environment and command: the last stage's ENV and CMD in deploy/Dockerfile. */
export async function imageDefaults(): Promise<{ env: Record<string, string>; cmd: string[]; text: string }> {
  const text = await read('deploy/Dockerfile');
  const lastStage = text.slice(text.lastIndexOf('\nFROM '));
  const env: Record<string, string> = {};
  for (const [, pairs] of lastStage.matchAll(/^ENV (.+)$/gm)) {
    for (const [, name, value] of (pairs as string).matchAll(/(\w+)=(\S+)/g)) env[name as string] = value as string;
  }
  const cmd = JSON.parse(/^CMD (\[.+\])$/m.exec(lastStage)?.[1] ?? '[]') as string[];
  return { env, cmd, text };
}

/** What `npm run -s deploy:secrets` prints, as variables: the documented way to make the secrets. */
export async function generatedSecrets(): Promise<Record<string, string>> {
  const child = spawn(process.execPath, ['scripts/deploy-secrets.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  await new Promise((resolve) => child.once('exit', resolve));
  return envLines(out);
}

/** KEY=value lines (an env file), everything after the first `=` verbatim. */
export function envLines(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/**
 * Compose's interpolation, applied as compose does it, to the string values of the parsed file
 * (a JSON key substituted into the text first would parse as a YAML mapping). The forms the file
 * uses: `${NAME}`, `${NAME:-default}`, and `${NAME:?message}`, which fails naming the variable
 * when it is unset or empty.
 */
export function interpolate<T>(parsed: T, variables: Record<string, string>): T {
  if (typeof parsed === 'string') {
    return parsed.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
      const value = variables[name];
      if (value) return value;
      if (kind === '?') throw new Error(`required variable ${name} is missing a value: ${rest}`);
      return kind === '-' ? (rest ?? '') : '';
    }) as T;
  }
  if (Array.isArray(parsed)) return parsed.map((item: unknown) => interpolate(item, variables)) as T;
  if (parsed && typeof parsed === 'object') {
    return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, interpolate(value, variables)])) as T;
  }
  return parsed;
}

/** A container's address for a backing service, pointed at this machine's own (the one test's). */
export function local(url: string, servers: { database: string; redis: string; nats: string }): string {
  if (/^postgres(ql)?:/.test(url)) return servers.database;
  if (url.startsWith('redis:')) return servers.redis;
  if (url.startsWith('nats:')) return servers.nats;
  return url;
}

export type Started = { child: ChildProcess; lines: string[]; exit: Promise<number | null> };

/**
 * Runs a container's command (`node <entry>`) here, with exactly `env`: nothing is inherited from
 * the test's own environment (not even NODE_ENV=test). Resolves once `ready` sees its line.
 */
export async function startAsContainer(command: string[], env: Record<string, string>, ready: (line: string) => boolean): Promise<Started> {
  if (command[0] !== 'node') throw new Error(`not a node command: ${command.join(' ')}`);
  const child = spawn(process.execPath, command.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => {
    if (signal) lines.push(`killed by ${signal}`);
    resolve(code);
  }));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command.join(' ')} not ready in 90 s: ${lines.join('\n')}`)), 90_000);
    eachLine(child.stdout, (line) => {
      lines.push(line);
      if (ready(line)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${command.join(' ')} exited with ${code} before ready: ${lines.join('\n')}`));
    });
  });
  return { child, lines, exit };
}

/** A pino JSON line with this message. */
export const logged = (message: string) => (line: string) => line.startsWith('{') && (JSON.parse(line) as { msg?: string }).msg === message;
