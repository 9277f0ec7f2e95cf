import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

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

const LOCK_FILE = 'users-service.pid';

/** Thrown when another live process holds the embedded database. */
export class DataDirectoryInUseError extends Error {
  override name = 'DataDirectoryInUseError';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, but not ours to signal
  }
}

/**
 * PGlite serves one process at a time and has no lock of its own: a second process on the same
 * directory (the user:create command while the service runs) writes into a copy the first never
 * sees, and one of the two loses its writes. So the directory gets a pid file, taken with O_EXCL;
 * a file left by a process that is gone (kill -9) is taken over. Returns the release function.
 */
export async function lockDataDirectory(path: string): Promise<() => Promise<void>> {
  const lockPath = join(resolve(path), LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new DataDirectoryInUseError(
          `The embedded database in ${path} is in use by process ${holder} (PGlite serves one process at a time): stop it first, or use DATABASE_URL`,
        );
      }
      await rm(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new DataDirectoryInUseError(`Could not lock the embedded database in ${path}`);
}
