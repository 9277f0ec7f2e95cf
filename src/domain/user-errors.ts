import { ConflictError, NotFoundError } from './errors.ts';

export class UserNotFoundError extends NotFoundError {
  constructor() {
    super('User not found');
  }
}

export class EmailInUseError extends ConflictError {
  constructor() {
    super('Email is already in use', { email: 'Email is already in use' });
  }
}
