import { ConflictError } from '../../domain/errors.ts';

const MAX_ATTEMPTS = 3;

/**
 * Runs a read-check-write whose write is conditional on the version it read (`attempt` answers
 * null when the row changed in between). Without If-Match the client asked for no precondition,
 * so the change is re-applied to the fresh row a few times, then reported as a 409; with If-Match
 * `attempt` itself throws 412 on the next round. Nobody is ever silently overwritten.
 */
export async function retryingConditionalWrite<T>(attempt: () => Promise<T | null>, noun: string): Promise<T> {
  for (let round = 1; round <= MAX_ATTEMPTS; round++) {
    const outcome = await attempt();
    if (outcome !== null) return outcome;
  }
  throw new ConflictError(`The ${noun} is being changed by others; try again`);
}
