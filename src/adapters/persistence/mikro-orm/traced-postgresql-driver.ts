import type { Configuration } from '@mikro-orm/core';
import { PostgreSqlConnection, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { withStatementSpans } from './statement-spans.ts';

/** Where a statement goes, as the semantic conventions name it; never the user or password. */
const TracedPostgreSqlConnection = withStatementSpans(PostgreSqlConnection, (connection) => {
  const { host, port, database } = connection.getConnectionOptions();
  return { ...(database ? { 'db.namespace': database } : {}), ...(host ? { 'server.address': host } : {}), 'server.port': port || 5432 };
});

/**
 * MikroORM's PostgreSQL driver with a span per statement (statement-spans.ts), chosen by openDatabase
 * only when tracing is on. PostgreSqlDriver names its connection class in its constructor; this
 * replaces that connection, before anything has connected, with the same class plus spans.
 */
export class TracedPostgreSqlDriver extends PostgreSqlDriver {
  constructor(config: Configuration) {
    super(config);
    Object.assign(this, { connection: new TracedPostgreSqlConnection(this.config) });
  }
}
