import type { Repositories, UnitOfWork } from '../../application/ports/unit-of-work.ts';
import { inSpan } from './tracing.ts';

const DATABASE = { 'db.system.name': 'postgresql' } as const;

/**
 * A client span around each unit of work: a transaction from BEGIN to COMMIT (or ROLLBACK), or a
 * read's statements. Statement-level spans would need pg's instrumentation, which must hook the
 * module loader before MikroORM imports pg (a preload on every start, tracing off included) and
 * never sees the embedded PGlite; a unit of work is what a use case sees anyway.
 */
export class TracedUnitOfWork implements UnitOfWork {
  readonly #inner: UnitOfWork;

  constructor(inner: UnitOfWork) {
    this.#inner = inner;
  }

  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return inSpan('db transaction', { kind: 'client', attributes: DATABASE }, () => this.#inner.transaction(work));
  }

  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return inSpan('db read', { kind: 'client', attributes: DATABASE }, () => this.#inner.read(work));
  }
}
