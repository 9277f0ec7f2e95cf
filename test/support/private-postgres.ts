import { execFileSync, type SpawnOptions } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, startPrivateServer, type RestartableServer } from './private-server.ts';

/**
 * `url` is the `postgres` database as the `postgres` superuser (trust authentication, 127.0.0.1
 * only); after a kill of the postmaster, the next start runs crash recovery from the WAL.
 */
export type PrivatePostgres = RestartableServer;

/** Debian's newest installed server binaries (`/usr/lib/postgresql/<major>/bin`), or PG_BIN. */
function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const majors = readdirSync('/usr/lib/postgresql').filter((name) => /^\d+$/.test(name));
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('no PostgreSQL under /usr/lib/postgresql (set PG_BIN)');
  return join('/usr/lib/postgresql', newest, 'bin');
}

/** PostgreSQL refuses to run as root: then the server runs as the `postgres` system user. */
function serverUser(): Pick<SpawnOptions, 'uid' | 'gid'> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 500 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A PostgreSQL cluster of the test's own: initdb into a fresh directory, a postmaster on 127.0.0.1
 * and a free port, no Unix socket. Tests that kill the database must not touch the shared one.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const user = serverUser();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'private-postgres-'));
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid ?? user.uid);
  execFileSync(join(bin, 'initdb'), ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], { ...user, stdio: 'ignore' });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const args = ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  return startPrivateServer({ name: `postgres on port ${port}`, binary: join(bin, 'postgres'), args, ready: () => answers(url), port, url, dir }, user);
}
