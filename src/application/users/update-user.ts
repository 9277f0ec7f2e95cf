import type { UserRole, UserStatus } from '../../domain/user.ts';
import { WriteUser, type WriteUserInput } from './write-user.ts';

type UpdatableFields = { name?: string; email?: string; status?: UserStatus; role?: UserRole };

export type UpdateUserInput = WriteUserInput<UpdatableFields>;

/** PATCH: any subset of the writable fields; a change to nothing leaves version and ETag alone. */
export class UpdateUser extends WriteUser<UpdatableFields> {}
