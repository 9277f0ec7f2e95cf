import type { UserRole, UserStatus } from '../../domain/user.ts';
import { WriteUser, type WriteUserInput } from './write-user.ts';

type ReplacedFields = { name: string; email: string; status: UserStatus; role: UserRole };

export type ReplaceUserInput = WriteUserInput<ReplacedFields>;

/** PUT: every writable field but the password is required (the HTTP schema enforces presence). */
export class ReplaceUser extends WriteUser<ReplacedFields> {}
