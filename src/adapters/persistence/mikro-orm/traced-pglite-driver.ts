import type { Configuration } from '@mikro-orm/core';
import { PgliteConnection, PgliteDriver } from '@mikro-orm/pglite';
import { withStatementSpans } from './statement-spans.ts';

/** The embedded database runs in this process: no server to name. */
const TracedPgliteConnection = withStatementSpans(PgliteConnection, () => ({}));

/** MikroORM's PGlite driver with a span per statement; see traced-postgresql-driver.ts. */
export class TracedPgliteDriver extends PgliteDriver {
  constructor(config: Configuration) {
    super(config);
    Object.assign(this, { connection: new TracedPgliteConnection(this.config) });
  }
}
