import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';

/** A server a test owns: crashed with SIGKILL, started again on the same port and data, then removed. */
export type RestartableServer = {
  port: number;
  url: string;
  /** SIGKILL, as a crash: only what it had on disk survives. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  start(): Promise<void>;
  /** Kills it and removes its data directory. */
  stop(): Promise<void>;
};

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

/**
 * A server binary a test runs, kills and restarts, with the same arguments each time. One that
 * exits before it is ready is started again (PostgreSQL refuses while a killed postmaster's
 * backends still hold its shared memory, for a moment).
 */
export function privateProcess(
  name: string,
  binary: string,
  args: readonly string[],
  ready: () => Promise<boolean>,
  options: Pick<SpawnOptions, 'uid' | 'gid'> = {},
): PrivateProcess {
  let child: ChildProcess | undefined;
  return {
    start: async () => {
      child = spawn(binary, args, { stdio: 'ignore', ...options });
      const deadline = Date.now() + 10_000;
      while (!(await ready())) {
        if (Date.now() > deadline) throw new Error(`private ${name} did not start`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (child.exitCode !== null || child.signalCode !== null) child = spawn(binary, args, { stdio: 'ignore', ...options });
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

/** Starts `binary` as a private server on `port`, keeping its data in `dir`, which `stop` removes. */
export async function startPrivateServer(
  server: Readonly<{ name: string; binary: string; args: readonly string[]; ready: () => Promise<boolean>; port: number; url: string; dir: string }>,
  options: Pick<SpawnOptions, 'uid' | 'gid'> = {},
): Promise<RestartableServer> {
  const { start, kill } = privateProcess(server.name, server.binary, server.args, server.ready, options);
  await start();
  return {
    port: server.port,
    url: server.url,
    kill,
    start,
    stop: async () => {
      await kill();
      rmSync(server.dir, { recursive: true, force: true });
    },
  };
}
