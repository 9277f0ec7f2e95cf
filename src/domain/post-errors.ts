import { NotFoundError } from './errors.ts';

export class PostNotFoundError extends NotFoundError {
  constructor() {
    super('Post not found');
  }
}
