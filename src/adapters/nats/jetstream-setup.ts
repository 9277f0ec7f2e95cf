import { jetstreamManager, type ConsumerConfig, type StreamConfig } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * Creates the stream if it is missing, else leaves it as it is: an operator may have tuned it
 * (replicas, limits), and this service must not undo that at every start.
 */
export async function ensureStream(nc: NatsConnection, config: Partial<StreamConfig> & Pick<StreamConfig, 'name' | 'subjects'>): Promise<void> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(config.name);
  } catch {
    await jsm.streams.add(config);
  }
}

/** Creates the durable consumer, or brings an existing one to `config` (the service owns its consumers). */
export async function ensureConsumer(nc: NatsConnection, stream: string, config: Partial<ConsumerConfig> & { durable_name: string }): Promise<void> {
  const jsm = await jetstreamManager(nc);
  await jsm.consumers.add(stream, config).catch(() => jsm.consumers.update(stream, config.durable_name, config));
}
