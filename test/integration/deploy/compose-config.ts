import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * `docker-compose config` (Debian's docker-compose; it needs no Docker engine): checks `file`
 * against the Compose schema and resolves it, with `variables` as the env file compose reads and
 * nothing from this process's environment. Paths resolve from `projectDirectory`, so a changed copy
 * written elsewhere is read as if it stood in place of the original.
 */
export async function composeConfig(
  file: string,
  variables: Record<string, string>,
  projectDirectory = dirname(file),
): Promise<{ ok: boolean; output: string; errors: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'compose-config-'));
  try {
    const envFile = join(dir, '.env');
    await writeFile(envFile, Object.entries(variables).map(([name, value]) => `${name}=${value}\n`).join(''));
    const args = ['--env-file', envFile, '--project-directory', projectDirectory, '-f', file, 'config'];
    return await new Promise((resolve) => {
      execFile('docker-compose', args, { env: { PATH: process.env.PATH ?? '' } }, (error, stdout, stderr) => {
        resolve({ ok: !error, output: stdout, errors: error && !stderr ? error.message : stderr });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
