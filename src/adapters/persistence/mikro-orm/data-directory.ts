import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Creates the embedded database's directory and its missing parents, one level at a time.
 * Not `mkdir(..., { recursive: true })`: on Linux it never settles for a path under /proc (seen
 * on Node 24), which would hang the start instead of failing it; a plain mkdir per level answers
 * at once (ENOENT, EACCES, ENOTDIR) and the start fails with that error.
 */
export async function ensureDataDirectory(path: string): Promise<void> {
  const target = resolve(path);
  const missing: string[] = [];
  for (let dir = target; ; dir = dirname(dir)) {
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    try {
      await mkdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
