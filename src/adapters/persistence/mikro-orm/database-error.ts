import { ConnectionException, DriverException } from '@mikro-orm/core';
import { ServiceUnavailableError } from '../../../domain/errors.ts';

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

/**
 * Class 08 connection exceptions but 08P01 (a protocol violation is the statement's fault: PGlite
 * answers a NUL byte with it), 57P01-03 (admin or crash shutdown, starting up), too many connections.
 */
const UNAVAILABLE_SQLSTATE = /^(0800[01346]|08007|57P0[123]|53300)$/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** pg reports a lost or unobtainable connection by message alone, with no code. */
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|is not queryable|Query read timeout/;

/**
 * A failure of the connection rather than of the statement: the database is down, restarting or
 * out of reach, and the same request will work once it is back. pg's connect errors reach us raw
 * (MikroORM converts only query errors), so both shapes are recognised.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof ConnectionException) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  return UNAVAILABLE_MESSAGE.test(error.message);
}

/**
 * Runs `work`: a lost database becomes a ServiceUnavailableError (503, the contract's "recovers by
 * itself"), any other driver exception a DatabaseError without the SQL.
 */
export async function withoutSqlInErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw new ServiceUnavailableError('The database is unavailable; try again shortly');
    if (error instanceof DriverException) throw new DatabaseError(error);
    throw error;
  }
}
