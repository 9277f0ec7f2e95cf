import type { Clock } from '../ports/clock.ts';
import type { CursorCodec } from '../ports/cursor-codec.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import { CreatePost } from './create-post.ts';
import { DeletePost } from './delete-post.ts';
import { GetPost } from './get-post.ts';
import { ListPosts } from './list-posts.ts';
import { UpdatePost } from './update-post.ts';

/** What the posts routes call. */
export type PostUseCases = { create: CreatePost; get: GetPost; list: ListPosts; update: UpdatePost; remove: DeletePost };

export type PostDependencies = Readonly<{ uow: UnitOfWork; ids: IdGenerator; clock: Clock; cursors: CursorCodec }>;

export function createPostUseCases(deps: PostDependencies): PostUseCases {
  return {
    create: new CreatePost(deps),
    get: new GetPost(deps),
    list: new ListPosts(deps),
    update: new UpdatePost(deps),
    remove: new DeletePost(deps),
  };
}
