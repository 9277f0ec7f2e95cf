import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A port nobody listens on now (the kernel picks it; released before the server takes it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export type PrivateProcess = {
  /** SIGKILL, as a crash. */
  kill(): Promise<void>;
  /** Starts it (again), waiting until `ready` answers true. */
  start(): Promise<void>;
};

/** A server binary a test runs, kills and restarts, with the same arguments each time. */
export function privateProcess(name: string, binary: string, args: readonly string[], ready: () => Promise<boolean>): PrivateProcess {
  let child: ChildProcess | undefined;
  return {
    start: async () => {
      child = spawn(binary, args, { stdio: 'ignore' });
      const deadline = Date.now() + 10_000;
      while (!(await ready())) {
        if (Date.now() > deadline) throw new Error(`private ${name} did not start`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    kill: async () => {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
}
