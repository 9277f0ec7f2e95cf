import { PreconditionFailedError } from '../../domain/errors.ts';

/**
 * A client's If-Match, already parsed by the inbound adapter: `'*'` (any current version) or the
 * versions named by its entity tags. `undefined` means no precondition was sent.
 */
export type VersionPrecondition = '*' | readonly number[] | undefined;

export function assertPrecondition(precondition: VersionPrecondition, currentVersion: number): void {
  if (precondition === undefined || precondition === '*') return;
  if (!precondition.includes(currentVersion)) throw new PreconditionFailedError();
}
