import type { Post } from '../../domain/post.ts';
import type { UserView } from '../../domain/user.ts';
import type { PublicProfile } from '../users/user-visibility.ts';

/**
 * The resources as clients see them, shared by the HTTP responses and the events' `data`, so the
 * two can never disagree. Fields are picked one by one (never spread) so that a field added to the
 * domain, like `passwordHash` or `version`, cannot leak by default; the version travels in the ETag.
 */
export type UserRepresentation = {
  id: string;
  name: string;
  email: string;
  status: UserView['status'];
  role: UserView['role'];
  createdAt: string;
  updatedAt: string;
};

/** Another user as a member sees it (user-visibility.ts); events never carry this, they carry the user. */
export type PublicProfileRepresentation = { id: string; name: string; createdAt: string };

export type PostRepresentation = {
  id: string;
  authorId: string;
  title: string;
  body: string;
  status: Post['status'];
  createdAt: string;
  updatedAt: string;
};

export function userRepresentation(user: UserView): UserRepresentation {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    status: user.status,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export function publicProfileRepresentation(profile: PublicProfile): PublicProfileRepresentation {
  return { id: profile.id, name: profile.name, createdAt: profile.createdAt.toISOString() };
}

export function postRepresentation(post: Post): PostRepresentation {
  return {
    id: post.id,
    authorId: post.authorId,
    title: post.title,
    body: post.body,
    status: post.status,
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
  };
}
