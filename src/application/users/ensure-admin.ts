import { ConflictError, EmailInUseError } from '../../domain/errors.ts';
import { normalizeEmail } from '../../domain/user.ts';
import { SYSTEM_ACTOR } from '../shared/actor.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { CreateUser } from './create-user.ts';
import type { UpdateUser } from './update-user.ts';

export type EnsureAdminOutcome = 'created' | 'promoted' | 'unchanged';

/** ADMIN_EMAIL names an account this use case must not promote; the start stops with its message. */
export class AdminAccountConflictError extends ConflictError {}

/**
 * ADMIN_EMAIL / ADMIN_PASSWORD at start: makes sure that account exists as an active admin.
 * An active admin is left alone (its password may have been changed through the API since). Any
 * other existing account is promoted only if ADMIN_PASSWORD is its password: sign-up is public, so
 * an account holding that address may be a stranger's, who must not become admin with their own
 * password. Safe when several instances start together: the loser of the create race finds the
 * winner's row.
 */
export class EnsureAdmin {
  readonly #deps: { uow: UnitOfWork; hasher: PasswordHasher; create: CreateUser; update: UpdateUser };

  constructor(deps: { uow: UnitOfWork; hasher: PasswordHasher; create: CreateUser; update: UpdateUser }) {
    this.#deps = deps;
  }

  /** Whether any active admin exists: a start without one says how to make one. */
  async activeAdminExists(): Promise<boolean> {
    const page = await this.#deps.uow.read((repos) =>
      repos.users.list({ role: 'admin', status: 'active', sort: [{ field: 'createdAt', direction: 'asc' }], limit: 1 }),
    );
    return page.items.length > 0;
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
    const ownsIt = existing.passwordHash !== null && (await this.#deps.hasher.verify(input.password, existing.passwordHash));
    if (!ownsIt) {
      throw new AdminAccountConflictError(
        `ADMIN_EMAIL names an existing ${existing.status} ${existing.role} whose password is not ADMIN_PASSWORD: ` +
          'refusing to promote it (whoever registered that address would become admin); choose another ADMIN_EMAIL',
      );
    }
    await this.#deps.update.execute({ id: existing.id, role: 'admin', status: 'active' }, SYSTEM_ACTOR);
    return 'promoted';
  }
}
