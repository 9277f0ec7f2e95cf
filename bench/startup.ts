/**
 * Start-up and idle memory in alternating rounds: the service's bundle, the raw baseline and a bare
 * node:http server (the floor of any Node process on this machine), each spawned in turn on a
 * migrated database, timed from spawn to its first 200 (processes.ts), its RSS read once it has
 * answered and sat idle for a second.
 */
import { startProcess } from './processes.ts';

export type StartupTarget = { name: string; args: string[]; env: Record<string, string>; port: number; path: string };
type Reading = { ms: number; rssMiB: number };

async function startOnce(target: StartupTarget): Promise<Reading> {
  const started = await startProcess(target.name, target.args, { ...target.env, PORT: String(target.port) }, `http://127.0.0.1:${target.port}${target.path}`);
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return { ms: started.readyMs, rssMiB: started.rssMiB() };
  } finally {
    await started.stop();
  }
}

/** One markdown row per round and target, then each target's range. */
export async function startupRounds(targets: readonly StartupTarget[], rounds: number): Promise<string[]> {
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
