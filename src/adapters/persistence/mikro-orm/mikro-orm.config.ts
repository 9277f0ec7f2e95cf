/**
 * For the MikroORM CLI's `compile` only (npm run orm:compile): the entities on PostgreSQL, from
 * which it writes compiled-functions.js, the hydrators and comparators that MikroORM otherwise
 * builds with `new Function` (refused by workerd). Nothing connects.
 */
import { defineConfig } from '@mikro-orm/postgresql';
import { ENTITIES } from './entities.ts';

export default defineConfig({ entities: ENTITIES, clientUrl: 'postgresql://compile-only/none' });
