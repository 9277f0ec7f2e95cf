/**
 * An outside consumer of the service's events, using nothing of the service but its contract
 * (docs/asyncapi.yaml): a durable JetStream consumer on the stream EVENTS, explicit acks, and the
 * event id to act once. Run it beside the service:
 *
 *   NATS_URL=nats://127.0.0.1:4222 npm run example:consumer -- --durable my-consumer --filter 'events.user.>'
 *
 * Each event is printed as one JSON line. The durable name keeps the position across restarts: stop
 * it and start it again, and it goes on where it stopped.
 */
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    durable: { type: 'string', default: 'example-consumer' },
    filter: { type: 'string', default: 'events.>' },
  },
});

const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
const jsm = await jetstreamManager(nc);
await jsm.consumers.add('EVENTS', { durable_name: values.durable, ack_policy: AckPolicy.Explicit, filter_subject: values.filter });
const messages = await (await jetstream(nc).consumers.get('EVENTS', values.durable)).consume();

// At-least-once delivery: the same event may come twice (after a lost ack); its id says so. A real
// consumer records the ids it handled where it keeps its own state, in the same transaction.
const seen = new Set<string>();
const stop = async () => {
  await messages.close();
  await nc.drain();
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

for await (const message of messages) {
  const event = message.json<{ id: string; type: string; data: unknown; timestamp: number }>();
  if (!seen.has(event.id)) {
    seen.add(event.id);
    process.stdout.write(`${JSON.stringify({ subject: message.subject, ceType: message.headers?.get('ce-type'), ...event })}\n`);
  }
  message.ack();
}
