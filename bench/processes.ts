import { spawn, type ChildProcess } from 'node:child_process';

export type Running = { name: string; child: ChildProcess; stop(): Promise<void> };

/** Starts `node <args>` with Node 24 (this process's binary), waits until `readyUrl` answers 200. */
export async function startProcess(name: string, args: string[], env: Record<string, string>, readyUrl: string): Promise<Running> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(readyUrl)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} was not ready within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    name,
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
