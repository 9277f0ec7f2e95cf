import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  DomainError,
  EmailInUseError,
  ForbiddenError,
  JobNotFoundError,
  NotFoundError,
  PostNotFoundError,
  PreconditionFailedError,
  RateLimitedError,
  ServiceUnavailableError,
  SessionNotFoundError,
  UnauthorizedError,
  UserNotFoundError,
  ValidationError,
} from '../../../src/domain/errors.ts';

describe('domain errors', () => {
  const cases = [
    ['ValidationError', ValidationError, () => new ValidationError({ name: 'Name must not be empty' }), 'VALIDATION_ERROR'],
    ['NotFoundError', NotFoundError, () => new NotFoundError('Gone'), 'NOT_FOUND'],
    ['ConflictError', ConflictError, () => new ConflictError('Taken'), 'CONFLICT'],
    ['PreconditionFailedError', PreconditionFailedError, () => new PreconditionFailedError(), 'PRECONDITION_FAILED'],
    ['ForbiddenError', ForbiddenError, () => new ForbiddenError('Not allowed to do that'), 'FORBIDDEN'],
    ['UserNotFoundError', UserNotFoundError, () => new UserNotFoundError(), 'NOT_FOUND'],
    ['EmailInUseError', EmailInUseError, () => new EmailInUseError(), 'CONFLICT'],
    ['UnauthorizedError', UnauthorizedError, () => new UnauthorizedError('Token expired'), 'UNAUTHORIZED'],
    ['RateLimitedError', RateLimitedError, () => new RateLimitedError(3), 'RATE_LIMITED'],
    ['ServiceUnavailableError', ServiceUnavailableError, () => new ServiceUnavailableError('Queue down'), 'SERVICE_UNAVAILABLE'],
    ['PostNotFoundError', PostNotFoundError, () => new PostNotFoundError(), 'NOT_FOUND'],
    ['JobNotFoundError', JobNotFoundError, () => new JobNotFoundError(), 'NOT_FOUND'],
    ['SessionNotFoundError', SessionNotFoundError, () => new SessionNotFoundError(), 'NOT_FOUND'],
  ] as const;

  it.each(cases)('%s carries its stable code on the class and on the instance', (name, Class, make, code) => {
    const error = make();
    expect(Class.code).toBe(code);
    expect(error.code).toBe(code);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(typeof error.stack).toBe('string');
  });

  it('ValidationError carries its fields and a default message', () => {
    const error = new ValidationError({ email: 'Email is required', name: 'Name must not be empty' });
    expect(error.message).toBe('Validation failed');
    expect(error.fields).toEqual({ email: 'Email is required', name: 'Name must not be empty' });
  });

  it('UserNotFoundError says "User not found", with no fields', () => {
    const error = new UserNotFoundError();
    expect(error.message).toBe('User not found');
    expect(error.fields).toBeUndefined();
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it('EmailInUseError names the email field', () => {
    const error = new EmailInUseError();
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.fields).toEqual({ email: 'Email is already in use' });
  });

  it('PreconditionFailedError has a default message and no fields', () => {
    const error = new PreconditionFailedError();
    expect(error.message).toBe('The resource has changed since it was read');
    expect(error.fields).toBeUndefined();
  });

  it('the code survives being read through the base type, so callers can switch on it', () => {
    const errors: DomainError[] = [new UserNotFoundError(), new EmailInUseError(), new PreconditionFailedError()];
    expect(errors.map((e) => e.code)).toEqual(['NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED']);
  });
});
