import { normalizeEmail } from '../../domain/user.ts';
import { EmailInUseError } from '../../domain/user-errors.ts';
import { SYSTEM_ACTOR } from '../actor.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { CreateUser } from './create-user.ts';
import type { UpdateUser } from './update-user.ts';

export type EnsureAdminOutcome = 'created' | 'promoted' | 'unchanged';

/**
 * ADMIN_EMAIL / ADMIN_PASSWORD at start: makes sure that account exists as an active admin.
 * An existing account is promoted (and reactivated) but keeps its password, so a password changed
 * through the API is not reset by the next restart. Safe when several instances start together:
 * the loser of the create race finds the winner's row.
 */
export class EnsureAdmin {
  readonly #deps: { uow: UnitOfWork; create: CreateUser; update: UpdateUser };

  constructor(deps: { uow: UnitOfWork; create: CreateUser; update: UpdateUser }) {
    this.#deps = deps;
  }

  async execute(input: { email: string; password: string; name?: string }): Promise<EnsureAdminOutcome> {
    const email = normalizeEmail(input.email);
    const existing = await this.#deps.uow.read((repos) => repos.users.findByEmail(email));
    if (!existing) {
      try {
        await this.#deps.create.execute(
          { name: input.name ?? 'Administrator', email, password: input.password, role: 'admin', status: 'active' },
          SYSTEM_ACTOR,
        );
        return 'created';
      } catch (error) {
        if (!(error instanceof EmailInUseError)) throw error;
        return this.execute(input);
      }
    }
    if (existing.role === 'admin' && existing.status === 'active') return 'unchanged';
    await this.#deps.update.execute({ id: existing.id, role: 'admin', status: 'active' }, SYSTEM_ACTOR);
    return 'promoted';
  }
}
