import { createUser, type User, type UserId, type UserRole, type UserStatus } from '../../src/domain/user.ts';
import { EPOCH } from './fixed-clock.ts';
import { SequentialIds } from './sequential-ids.ts';

// Builders draw from their own id range so they never collide with a use case's SequentialIds.
const builderIds = new SequentialIds(0x1_0000_0000);
let serial = 0;

/**
 * Test data builder for a stored User. Every built user is valid (it goes through the domain's
 * `createUser`, so name and email are normalised as the service would store them) and, unless told
 * otherwise, has a fresh id and a unique email.
 */
export class UserBuilder {
  #id: string;
  #name: string;
  #email: string;
  #status: UserStatus = 'active';
  #role: UserRole = 'member';
  #passwordHash: string | null = null;
  #createdAt: Date = EPOCH;
  #updatedAt: Date | undefined;
  #version = 1;

  constructor() {
    serial++;
    this.#id = builderIds.next();
    this.#name = `User ${serial}`;
    this.#email = `user${serial}@example.com`;
  }

  withId(id: string): this {
    this.#id = id;
    return this;
  }

  withName(name: string): this {
    this.#name = name;
    return this;
  }

  withEmail(email: string): this {
    this.#email = email;
    return this;
  }

  withStatus(status: UserStatus): this {
    this.#status = status;
    return this;
  }

  withRole(role: UserRole): this {
    this.#role = role;
    return this;
  }

  withPasswordHash(hash: string | null): this {
    this.#passwordHash = hash;
    return this;
  }

  /** Sets createdAt, and updatedAt too unless `updatedAt` is set separately. */
  createdAt(at: Date | string): this {
    this.#createdAt = new Date(at);
    return this;
  }

  updatedAt(at: Date | string): this {
    this.#updatedAt = new Date(at);
    return this;
  }

  withVersion(version: number): this {
    this.#version = version;
    return this;
  }

  build(): User {
    const user = createUser({
      id: this.#id as UserId,
      name: this.#name,
      email: this.#email,
      status: this.#status,
      role: this.#role,
      passwordHash: this.#passwordHash,
      now: this.#createdAt,
    });
    return { ...user, updatedAt: this.#updatedAt ?? this.#createdAt, version: this.#version };
  }
}

export function aUser(): UserBuilder {
  return new UserBuilder();
}
