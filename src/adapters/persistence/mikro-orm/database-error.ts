import { DriverException } from '@mikro-orm/core';

/**
 * A driver failure with the SQL left out. MikroORM inlines every value into the statement text
 * and puts that text in its exception messages (`<sql> - <driver message>`), so logging the
 * original would write names, emails and password hashes to the logs. This keeps what an operator
 * needs (the exception class, SQLSTATE and the driver's own sentence) and nothing else; no
 * `cause`, for the same reason.
 */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
  readonly sqlState: string | undefined;

  constructor(driverError: DriverException) {
    const sentence = driverError.message.split(' - ').pop()?.trim() ?? 'unknown driver error';
    const state = driverError.sqlState ?? driverError.code;
    super(`${driverError.constructor.name}${state ? ` (SQLSTATE ${state})` : ''}: ${sentence}`);
    this.sqlState = state;
  }
}

/** Runs `work`, replacing a driver exception that escapes it with a DatabaseError. */
export async function withoutSqlInErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DriverException) throw new DatabaseError(error);
    throw error;
  }
}
