/**
 * Start-up and idle memory in alternating rounds: the service's bundle, the raw baseline and a bare
 * node:http server (the floor of any Node process on this machine), each spawned in turn on a
 * migrated database, timed from spawn to its first 200, its RSS read once it has answered and sat
 * idle for a second. Polled with node:http every 5 ms from a client already loaded, so neither the
 * bench's own fetch nor a coarse poll is counted in a server's start-up.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';

export type StartupTarget = { name: string; args: string[]; env: Record<string, string>; port: number; path: string };
type Reading = { ms: number; rssMiB: number };

/** The status of one GET, or 0 when nothing answers yet. */
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

function rssMiB(pid: number | undefined): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb === undefined ? Number.NaN : Number(kb) / 1024;
}

async function startOnce(target: StartupTarget): Promise<Reading> {
  const started = performance.now();
  const child = spawn(process.execPath, target.args, { env: { ...process.env, ...target.env, PORT: String(target.port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const deadline = started + 60_000;
    while ((await statusOf(`http://127.0.0.1:${target.port}${target.path}`)) !== 200) {
      if (child.exitCode !== null) throw new Error(`${target.name} exited with ${child.exitCode} before its first 200`);
      if (performance.now() > deadline) throw new Error(`${target.name} gave no 200 within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const ms = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return { ms, rssMiB: rssMiB(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** One markdown row per round and target, then each target's range; the first target is the service. */
export async function startupRounds(targets: readonly StartupTarget[], rounds: number): Promise<string[]> {
  await statusOf('http://127.0.0.1:1/'); // load the client's code before anything is timed
  const readings = new Map<string, Reading[]>(targets.map(({ name }) => [name, []]));
  const rows: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const target of targets) {
      const reading = await startOnce(target);
      readings.get(target.name)?.push(reading);
      rows.push(`| ${target.name} | ${round} | ${reading.ms.toFixed(0)} | ${reading.rssMiB.toFixed(0)} |`);
    }
  }
  const range = (values: number[]) => `${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)}`;
  for (const [name, list] of readings) {
    rows.push(`| ${name} | all | ${range(list.map((r) => r.ms))} | ${range(list.map((r) => r.rssMiB))} |`);
  }
  return rows;
}
