import { DriverException } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { DatabaseError, isDatabaseUnavailable, withoutSqlInErrors } from '../../../../../src/adapters/persistence/mikro-orm/database-error.ts';
import { ServiceUnavailableError } from '../../../../../src/domain/errors.ts';

const withCode = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

/** The shapes pg and MikroORM give a lost database (seen in test/integration/process/postgres-outage.test.ts). */
describe('a lost database', () => {
  it.each([
    ['a refused connect, raw from pg-pool', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['the same, wrapped by MikroORM', new DriverException(withCode('select 1 - connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))],
    ['a backend ended by a dying postmaster (57P01)', withCode('terminating connection due to unexpected postmaster exit', '57P01')],
    ['a server in crash recovery (57P03)', withCode('the database system is starting up', '57P03')],
    ['a socket closed under a query', withCode('Connection terminated unexpectedly')],
    ['no free connection within the connect timeout', withCode('timeout exceeded when trying to connect')],
    ['a pooled client that lost its connection', withCode('Client has encountered a connection error and is not queryable')],
  ])('is a 503 SERVICE_UNAVAILABLE: %s', async (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    await expect(withoutSqlInErrors(() => Promise.reject(error))).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it("is not a statement's own failure: a unique violation, or PGlite's protocol violation for a NUL byte", async () => {
    for (const code of ['23505', '08P01']) {
      const error = new DriverException(withCode(`insert into "users" ... - failed`, code));
      expect(isDatabaseUnavailable(error)).toBe(false);
      await expect(withoutSqlInErrors(() => Promise.reject(error))).rejects.toBeInstanceOf(DatabaseError);
    }
  });
});
