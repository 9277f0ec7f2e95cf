import { ForbiddenError, ValidationError, UserNotFoundError } from '../../domain/errors.ts';
import type { User, UserId } from '../../domain/user.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { SignInFailures } from '../auth/sign-in-failures.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

export const CURRENT_PASSWORD_REQUIRED = 'Current password is required to change your email or password';
export const CURRENT_PASSWORD_WRONG = 'Current password is incorrect';

/**
 * What a user's change of itself proved: the password hash its `currentPassword` matched, or null
 * when it changed no credential and so proved nothing.
 */
export type CredentialProof = Readonly<{ verifiedHash: string | null }>;

const NOTHING_PROVEN: CredentialProof = Object.freeze({ verifiedHash: null });

/** A new password, or an email other than the current one (already normalised), is a credential change. */
export function changesCredentials(user: User, email: string | undefined, newPassword: boolean): boolean {
  return newPassword || (email !== undefined && email !== user.email);
}

export function currentPasswordRequired(): ValidationError {
  return new ValidationError({ currentPassword: CURRENT_PASSWORD_REQUIRED });
}

type VerifyDependencies = Readonly<{ hasher: PasswordHasher; failures: SignInFailures }>;

/**
 * Throws 403 unless `currentPassword` is the user's password. The one place a change of one's own
 * account checks it, so a stolen access token alone cannot take the account over. A wrong one is
 * a failed sign-in from `clientAddress` (API.md), so a token cannot guess faster than a login can.
 */
export async function verifyCurrentPassword(deps: VerifyDependencies, user: User, currentPassword: string, clientAddress: string): Promise<void> {
  await deps.failures.assertNotBlocked(user.email, clientAddress);
  const matches = user.passwordHash !== null && (await deps.hasher.verify(currentPassword, user.passwordHash));
  if (matches) return;
  await deps.failures.recordFailure(user.email, clientAddress);
  throw new ForbiddenError(CURRENT_PASSWORD_WRONG);
}

/**
 * Before the transaction (verifying is slow): reads the user and, when the write changes its
 * email or password, demands and verifies `currentPassword`. Nothing is read or hashed otherwise.
 */
export async function proveCredentials(
  deps: VerifyDependencies & Readonly<{ uow: UnitOfWork }>,
  id: UserId,
  write: Readonly<{ email: string | undefined; newPassword: boolean; currentPassword: string | undefined; clientAddress: string }>,
): Promise<CredentialProof> {
  if (!write.newPassword && write.email === undefined) return NOTHING_PROVEN;
  const user = await deps.uow.read((repos) => repos.users.findById(id));
  if (!user) throw new UserNotFoundError();
  if (!changesCredentials(user, write.email, write.newPassword)) return NOTHING_PROVEN;
  if (write.currentPassword === undefined) throw currentPasswordRequired();
  await verifyCurrentPassword(deps, user, write.currentPassword, write.clientAddress);
  return { verifiedHash: user.passwordHash };
}

/**
 * In the transaction, on the row it read: a credential change needs a proof made against this
 * very password hash (a concurrent change of the email or password voids one made just before).
 */
export function assertCredentialsProven(current: User, email: string | undefined, newPassword: boolean, proof: CredentialProof): void {
  if (!changesCredentials(current, email, newPassword)) return;
  if (proof.verifiedHash === null) throw currentPasswordRequired();
  if (proof.verifiedHash !== current.passwordHash) throw new ForbiddenError(CURRENT_PASSWORD_WRONG);
}
