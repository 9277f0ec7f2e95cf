import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';

export type Running = {
  name: string;
  child: ChildProcess;
  /** From spawn to the first 200 from `readyUrl`, in ms (polled every 5 ms with node:http). */
  readyMs: number;
  /** The process's resident set size now, in MiB, from /proc (Linux); NaN elsewhere. */
  rssMiB(): number;
  /** The process's CPU time so far (user + system, ms), from /proc (Linux); NaN elsewhere. */
  cpuMs(): number;
  stop(): Promise<void>;
};

/**
 * The status of one GET, or 0 when nothing answers yet. node:http, loaded with this module, rather
 * than fetch: the bench's first fetch() loads undici, which a start-up timed with it would include.
 */
function statusOf(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** Starts `node <args>` with Node 24 (this process's binary), waits until `readyUrl` answers 200. */
export async function startProcess(name: string, args: string[], env: Record<string, string>, readyUrl: string): Promise<Running> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  while ((await statusOf(readyUrl)) !== 200) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was ready`);
    if (Date.now() > deadline) throw new Error(`${name} was not ready within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const readyMs = performance.now() - started;
  return {
    name,
    child,
    readyMs,
    rssMiB: () => {
      try {
        const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        return kb === undefined ? Number.NaN : Number(kb) / 1024;
      } catch {
        return Number.NaN;
      }
    },
    cpuMs: () => {
      try {
        // Fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux); the
        // command name (field 2) may hold spaces, so count from the closing parenthesis.
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        return (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        return Number.NaN;
      }
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
