import { ConflictError } from '../../domain/errors.ts';
import { parseUserId } from '../../domain/user.ts';
import { UserNotFoundError } from '../../domain/user-errors.ts';
import { assertPrecondition, type VersionPrecondition } from '../precondition.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

const MAX_ATTEMPTS = 3;

export class DeleteUser {
  readonly #uow: UnitOfWork;

  constructor(deps: { uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  /**
   * Deleting what is already gone is a 404, so a second delete tells the client it lost a race.
   * The delete is conditional on the version checked against If-Match; a write slipping in
   * between makes the next attempt re-check it (412 with If-Match, a plain retry without).
   */
  async execute(input: { id: string; ifMatch?: VersionPrecondition }): Promise<void> {
    const id = parseUserId(input.id);
    if (!id) throw new UserNotFoundError();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const deleted = await this.#uow.transaction(async (repos) => {
        const current = await repos.users.findById(id);
        if (!current) throw new UserNotFoundError();
        assertPrecondition(input.ifMatch, current.version);
        return repos.users.remove(id, current.version);
      });
      if (deleted) return;
    }
    throw new ConflictError('The user is being changed by others; try again');
  }
}
