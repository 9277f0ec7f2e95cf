import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { buildEdge } from '../../scripts/build-edge.ts';
import { workerdConfig } from '../../scripts/workerd-config.ts';
import { freePort } from './private-server.ts';
import { until } from './until.ts';

/**
 * The binary itself, as the package's main export names it: its bin/workerd is a Node wrapper that
 * runs the binary synchronously, and a SIGTERM to the wrapper left the binary running.
 */
const WORKERD = (createRequire(import.meta.url)('workerd') as { default: string }).default;
/** This test file's own bundle (files run in parallel: none writes another's). */
let built: Promise<string> | undefined;

async function bundle(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'edge-bundle-')), 'edge.js');
  await buildEdge(file);
  return file;
}

export type EdgeServer = { url: string; lines: string[]; stop(): Promise<void> };

/** The edge bundle (built once per test file) under `workerd serve` on a free port, with `bindings` as its environment. */
export async function startEdge(bindings: Record<string, string>): Promise<EdgeServer> {
  const bundled = await (built ??= bundle());
  const dir = mkdtempSync(join(tmpdir(), 'edge-'));
  copyFileSync(bundled, join(dir, 'edge.js'));
  const port = await freePort();
  writeFileSync(join(dir, 'workerd.capnp'), workerdConfig({ port, bindings }));
  const child: ChildProcess = spawn(WORKERD, ['serve', join(dir, 'workerd.capnp')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const url = `http://127.0.0.1:${port}`;
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`workerd exited: ${lines.join('\n')}`);
    return fetch(`${url}/livez`).then((response) => response.ok, () => false);
  }, 30_000, 'workerd answering /livez').catch((error: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}; workerd said:\n${lines.join('\n')}`);
  });
  return {
    url,
    lines,
    stop: async () => {
      child.kill('SIGTERM');
      // A last resort: workerd drains before it exits, and a test must not wait on it.
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
      clearTimeout(kill);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
