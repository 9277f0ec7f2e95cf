import { ConfigError } from '../config.ts';

/**
 * A start that cannot reach its database is an environment problem the operator fixes: one line
 * naming DATABASE_URL's host and database and what to do, never a driver's stack trace. Raised as
 * a ConfigError, so the entry points print it on stderr and exit 1 as for a bad variable.
 */
export function databaseUnreachable(error: unknown, databaseUrl: string | undefined): ConfigError | undefined {
  if (!databaseUrl) return undefined;
  const code = codeOf(error);
  const url = new URL(databaseUrl);
  const at = `PostgreSQL at ${url.hostname}:${url.port || '5432'}`;
  const user = decodeURIComponent(url.username) || 'postgres';
  const name = decodeURIComponent(url.pathname.slice(1)) || user; // PostgreSQL's default: the user's name
  const reasons: Record<string, string> = {
    '3D000': `${at} has no database "${name}" (DATABASE_URL): create it with \`createdb -h ${url.hostname} -p ${url.port || '5432'} -U ${user} ${name}\`, then start again`,
    ECONNREFUSED: `${at} refused the connection (DATABASE_URL): start PostgreSQL there, or unset DATABASE_URL to use the embedded database`,
    ENOTFOUND: `${at}: no such host (DATABASE_URL): check the host name, or unset DATABASE_URL to use the embedded database`,
    EAI_AGAIN: `${at}: the host name could not be resolved (DATABASE_URL): check the host name and DNS`,
    ETIMEDOUT: `${at} did not answer (DATABASE_URL): check the host, the port and any firewall between`,
    '28P01': `${at} refused user "${user}" (DATABASE_URL): password authentication failed`,
    '28000': `${at} refused user "${user}" (DATABASE_URL): no pg_hba.conf entry or role allows it`,
  };
  const reason = code === undefined ? undefined : reasons[code];
  return reason === undefined ? undefined : new ConfigError(reason);
}

/** The driver's code (`3D000`, `ECONNREFUSED`, ...), on the error or on one it wraps. */
function codeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    // An AggregateError (both addresses of `localhost` refused) carries the codes on its errors.
    if (current instanceof AggregateError) return codeOf(current.errors[0]);
  }
  return undefined;
}
