import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ensureDataDirectory } from '../persistence/mikro-orm/data-directory.ts';

/**
 * The secret stored as `name` in `dir`, created by `generate` on first use: only the owner may
 * read it (0600, in a 0700 directory). Written beside and then hard-linked into place, which
 * fails if the name exists, so two processes starting together end up with the same value.
 */
export async function keptSecret(dir: string, name: string, generate: () => Promise<string>): Promise<string> {
  const path = join(dir, name);
  const existing = await readIfExists(path);
  if (existing !== undefined) return existing;
  await ensureDataDirectory(dirname(dir));
  await mkdir(dir, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const draft = `${path}.${process.pid}.new`;
  await writeFile(draft, await generate(), { mode: 0o600 });
  try {
    await link(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process won: use its value
  } finally {
    await rm(draft, { force: true });
  }
  return readFile(path, 'utf8');
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
