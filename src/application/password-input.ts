import { ValidationError } from '../domain/errors.ts';
import { passwordProblem } from '../domain/user.ts';

/**
 * Runs the domain's checks with the password's own check folded in, so one response names every
 * field at fault (not the password first and the email on the next try).
 */
export function checkedWithPassword<T>(password: string | undefined, build: () => T): T {
  const problem = password === undefined ? null : passwordProblem(password);
  let result: T;
  try {
    result = build();
  } catch (error) {
    if (problem && error instanceof ValidationError) {
      throw new ValidationError({ ...error.fields, password: problem });
    }
    throw error;
  }
  if (problem) throw new ValidationError({ password: problem });
  return result;
}
