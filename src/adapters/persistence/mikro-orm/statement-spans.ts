import type { LogContext } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/sql';
import { inSpan, type ActiveSpan, type SpanAttributes } from '../../telemetry/tracing.ts';

// A mixin's base must be `new (...args: any[])`; a concrete connection (the base's dialect is abstract).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ConnectionClass = new (...args: any[]) => AbstractSqlConnection & { createKyselyDialect: (...args: never[]) => unknown };

/** Where the statements go (server address, database name): read once, at the first statement. */
export type ConnectionAttributes = (connection: AbstractSqlConnection) => SpanAttributes;

/**
 * A MikroORM connection class with a client span around each statement, for the traced drivers
 * (traced-postgresql-driver.ts, traced-pglite-driver.ts). Its `executeQuery` sees the statement as
 * written, `?` for each parameter, before MikroORM inlines the values into the text it sends: the
 * span's db.query.text is that, never a value. Statements outside any span make none.
 */
export function withStatementSpans<Base extends ConnectionClass>(Base: Base, where: ConnectionAttributes) {
  return class StatementSpans extends Base {
    #where: SpanAttributes | undefined;

    protected override executeQuery<T>(query: string, run: () => Promise<T>, context?: LogContext): Promise<T> {
      return this.#inStatementSpan(typeof context?.query === 'string' ? context.query : query, run);
    }

    override begin(...args: Parameters<AbstractSqlConnection['begin']>) {
      return this.#inStatementSpan(args[0]?.ctx ? 'savepoint' : 'begin', () => super.begin(...args));
    }

    override commit(...args: Parameters<AbstractSqlConnection['commit']>) {
      return this.#inStatementSpan('savepointName' in args[0] ? 'release savepoint' : 'commit', () => super.commit(...args));
    }

    override rollback(...args: Parameters<AbstractSqlConnection['rollback']>) {
      return this.#inStatementSpan('savepointName' in args[0] ? 'rollback to savepoint' : 'rollback', () => super.rollback(...args));
    }

    #inStatementSpan<T>(text: string, run: () => Promise<T>): Promise<T> {
      this.#where ??= where(this);
      const operation = operationName(text);
      const namespace = this.#where['db.namespace'];
      const attributes = { 'db.system.name': 'postgresql', ...this.#where, 'db.operation.name': operation, 'db.query.text': text };
      const name = namespace === undefined ? operation : `${operation} ${namespace}`;
      return inSpan(name, { kind: 'client', attributes, requireParent: true, recordException: false }, (span) => failureNamed(span, run));
    }
  };
}

/** The statement's first keyword, as the pg instrumentation names it: `SELECT`, `INSERT`, `WITH`, `BEGIN`. */
export function operationName(sql: string): string {
  return (/^\s*([a-z]+)/i.exec(sql)?.[1] ?? 'SQL').toUpperCase();
}

/** A failure's SQLSTATE (`23505`) or error code on the span; not its message, which may quote a value. */
async function failureNamed<T>(span: ActiveSpan, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const type = typeof code === 'string' ? code : error instanceof Error ? error.name : '_OTHER';
    span.setAttributes({ 'error.type': type, ...(/^[0-9A-Z]{5}$/.test(type) ? { 'db.response.status_code': type } : {}) });
    throw error;
  }
}
