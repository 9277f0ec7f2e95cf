import { ValidationError, type FieldErrors } from '../../domain/errors.ts';
import { passwordProblem } from '../../domain/user.ts';

/**
 * Runs the domain's checks with the password's own check (and any `more` problems the caller
 * found, such as a missing currentPassword) folded in, so one response names every field at fault
 * (not the password first and the email on the next try).
 */
export function checkedWithPassword<T>(password: string | undefined, build: () => T, more: FieldErrors = {}): T {
  const problem = password === undefined ? null : passwordProblem(password);
  const extra: FieldErrors = problem ? { ...more, password: problem } : more;
  let result: T;
  try {
    result = build();
  } catch (error) {
    if (Object.keys(extra).length > 0 && error instanceof ValidationError) {
      throw new ValidationError({ ...error.fields, ...extra });
    }
    throw error;
  }
  if (Object.keys(extra).length > 0) throw new ValidationError(extra);
  return result;
}
