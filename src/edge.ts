/**
 * The edge entry (workerd, Cloudflare Workers): the public API only, built by `npm run build:edge`
 * into dist/edge/. The background half (migrations, outbox relay, consumers, jobs) is the internal
 * Node process, `npm run start:internal`. See docs/edge.md.
 */
import { edgeHandler } from './composition/edge.ts';

export default edgeHandler();
