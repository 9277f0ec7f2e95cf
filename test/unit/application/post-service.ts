import { SealedCursorCodec } from '../../../src/adapters/security/sealed-cursor-codec.ts';
import type { Actor } from '../../../src/application/shared/actor.ts';
import type { Repositories, UnitOfWork } from '../../../src/application/ports/unit-of-work.ts';
import { IncludePosts } from '../../../src/application/posts/include-posts.ts';
import { createPostUseCases } from '../../../src/application/posts/index.ts';
import type { User } from '../../../src/domain/user.ts';
import { FixedClock } from '../../support/fixed-clock.ts';
import { InMemoryUnitOfWork } from '../../support/in-memory-unit-of-work.ts';
import { SequentialIds } from '../../support/sequential-ids.ts';

/** The post use cases from the slice's own factory, as the composition root builds them, over in-process adapters. */
export function makePostService(tables: InMemoryUnitOfWork = new InMemoryUnitOfWork()) {
  const uow = new CountingRepositoriesUnitOfWork(tables);
  const clock = new FixedClock();
  const posts = createPostUseCases({ uow, ids: new SequentialIds(), clock, cursors: new SealedCursorCodec('unit-test-cursor-secret') });
  return { tables, uow, clock, ...posts, include: new IncludePosts({ uow }) };
}

export function actorOf(user: Pick<User, 'id' | 'role'>): Actor {
  return { userId: user.id, role: user.role };
}

/**
 * A UnitOfWork that records every repository call (`posts.list`, `users.findById`) and counts
 * reads and transactions: what proves a use case's I/O is bounded, whatever its input's size.
 */
export class CountingRepositoriesUnitOfWork implements UnitOfWork {
  readonly inner: UnitOfWork;
  readonly calls: string[] = [];
  reads = 0;
  transactions = 0;

  constructor(inner: UnitOfWork) {
    this.inner = inner;
  }

  reset(): void {
    this.calls.length = 0;
    this.reads = 0;
    this.transactions = 0;
  }

  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    this.transactions++;
    return this.inner.transaction((repos) => work(this.#wrap(repos)));
  }

  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    this.reads++;
    return this.inner.read((repos) => work(this.#wrap(repos)));
  }

  #wrap(repos: Repositories): Repositories {
    return {
      users: recording(repos.users, 'users', this.calls),
      refreshTokens: recording(repos.refreshTokens, 'refreshTokens', this.calls),
      posts: recording(repos.posts, 'posts', this.calls),
      outbox: repos.outbox,
      processedEvents: repos.processedEvents,
      jobs: repos.jobs,
      passwordResetTokens: repos.passwordResetTokens,
      idempotency: repos.idempotency,
    };
  }
}

function recording<T extends object>(target: T, name: string, calls: string[]): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(`${name}.${String(property)}`);
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}
