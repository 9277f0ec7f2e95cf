import { ValidationError, type FieldErrors } from '../../domain/errors.ts';

/**
 * A ValidationError whose `fields` name only the first problems (validation stops writing them
 * out at the cap); `omitted` counts the rest, which the error handler states in the message.
 */
export class PartialValidationError extends ValidationError {
  readonly omitted: number;

  constructor(fields: FieldErrors, message: string, omitted: number) {
    super(fields, message);
    this.omitted = omitted;
  }
}
