import type { Repositories, UnitOfWork } from '../../application/ports/unit-of-work.ts';
import { inSpan } from './tracing.ts';

const DATABASE = { 'db.system.name': 'postgresql' } as const;

/**
 * A client span around each unit of work: a transaction from BEGIN to COMMIT (or ROLLBACK), or a
 * read's statements. It is what a use case sees; each statement's own span is its child
 * (persistence/mikro-orm/statement-spans.ts).
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
