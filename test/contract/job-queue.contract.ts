import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UuidV7Ids } from '../../src/adapters/system/uuid-v7-ids.ts';
import type { JobDelivery, JobMessage, JobQueue, JobVerdict, JobWorker } from '../../src/application/ports/job-queue.ts';
import { until } from '../support/until.ts';

export type JobQueueContext = { queue: JobQueue; close(): Promise<void> };

const ids = new UuidV7Ids();
const aMessage = (type = 'test.job'): JobMessage => ({ id: ids.next(), type });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The JobQueue contract: the in-process queue and JetStream deliver alike. Adapters are set up
 * with an ack wait far longer than any test, so every redelivery seen here was asked for.
 */
export function jobQueueContract(name: string, setup: () => Promise<JobQueueContext>): void {
  describe(`JobQueue contract: ${name}`, () => {
    let context: JobQueueContext;
    const workers: JobWorker[] = [];
    const work = async (handle: (delivery: JobDelivery) => Promise<JobVerdict>, concurrency = 4) => {
      const worker = await context.queue.work(handle, { concurrency });
      workers.push(worker);
      return worker;
    };
    beforeEach(async () => {
      context = await setup();
    });
    afterEach(async () => {
      for (const worker of workers.splice(0)) await worker.stop();
      await context.close();
    });

    it('delivers each message once when its handler is done, with its id, type and a delivery count of 1', async () => {
      const seen: JobDelivery[] = [];
      await work(async (delivery) => {
        seen.push(delivery);
        return 'done';
      });
      const messages = [aMessage('users.export'), aMessage('email.welcome'), aMessage()];
      for (const message of messages) await context.queue.enqueue(message);
      await until(() => seen.length === 3);
      await sleep(300);
      expect(seen.map(({ id, type, deliveries }) => ({ id, type, deliveries })).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
        messages.map((message) => ({ ...message, deliveries: 1 })).sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
    });

    it("hands a message's headers to its worker, and none to a message queued without", async () => {
      const seen: JobDelivery[] = [];
      await work(async (delivery) => {
        seen.push(delivery);
        return 'done';
      });
      const traced: JobMessage = { ...aMessage(), headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } };
      const plain = aMessage();
      await context.queue.enqueue(traced);
      await context.queue.enqueue(plain);
      await until(() => seen.length === 2);
      expect(seen.find((delivery) => delivery.id === traced.id)?.headers).toEqual(traced.headers);
      expect(seen.find((delivery) => delivery.id === plain.id)?.headers).toBeUndefined();
    });

    it('delivers a message enqueued twice with the same id only once', async () => {
      const seen: string[] = [];
      const message = aMessage();
      await context.queue.enqueue(message);
      await context.queue.enqueue(message);
      const other = aMessage();
      await context.queue.enqueue(other);
      await work(async (delivery) => {
        seen.push(delivery.id);
        return 'done';
      });
      await until(() => seen.includes(other.id));
      await sleep(300);
      expect(seen.filter((id) => id === message.id)).toHaveLength(1);
    });

    it('keeps messages enqueued while no worker runs, and delivers them to the next', async () => {
      const messages = [aMessage(), aMessage()];
      for (const message of messages) await context.queue.enqueue(message);
      const seen: string[] = [];
      await work(async (delivery) => {
        seen.push(delivery.id);
        return 'done';
      });
      await until(() => seen.length === 2);
      expect(seen.sort()).toEqual(messages.map((message) => message.id).sort());
    });

    it('redelivers after a retry verdict, no sooner than asked, counting the deliveries', async () => {
      const times: number[] = [];
      const counts: number[] = [];
      await work(async (delivery) => {
        times.push(Date.now());
        counts.push(delivery.deliveries);
        return delivery.deliveries < 3 ? { retryInMs: 250 } : 'done';
      });
      await context.queue.enqueue(aMessage());
      await until(() => counts.length === 3);
      await sleep(400);
      expect(counts).toEqual([1, 2, 3]);
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(240);
      expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(240);
    });

    it('redelivers a message whose handler threw, about a second later', async () => {
      const times: number[] = [];
      await work(async (delivery) => {
        times.push(Date.now());
        if (delivery.deliveries === 1) throw new Error('database unreachable');
        return 'done';
      });
      await context.queue.enqueue(aMessage());
      await until(() => times.length === 2, 5000);
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(900);
    });

    it('runs at most `concurrency` handlers at once, and all of them in the end', async () => {
      let running = 0;
      let most = 0;
      let done = 0;
      await work(async () => {
        running++;
        most = Math.max(most, running);
        await sleep(30);
        running--;
        done++;
        return 'done';
      }, 3);
      for (let i = 0; i < 12; i++) await context.queue.enqueue(aMessage());
      await until(() => done === 12);
      expect(most).toBe(3);
    });

    it('gives each message to one of several workers', async () => {
      const byWorker: string[][] = [[], []];
      const handler = (seen: string[]) => async (delivery: JobDelivery) => {
        seen.push(delivery.id);
        await sleep(20);
        return 'done' as const;
      };
      await work(handler(byWorker[0]!), 2);
      await work(handler(byWorker[1]!), 2);
      const messages = Array.from({ length: 20 }, () => aMessage());
      for (const message of messages) await context.queue.enqueue(message);
      await until(() => byWorker[0]!.length + byWorker[1]!.length === 20);
      await sleep(200);
      expect([...byWorker[0]!, ...byWorker[1]!].sort()).toEqual(messages.map((message) => message.id).sort());
      expect(byWorker[0]!.length).toBeGreaterThan(0);
      expect(byWorker[1]!.length).toBeGreaterThan(0);
    });

    it('stop finishes the job in hand, takes no more, and hands the rest to the next worker at once', async () => {
      let release!: () => void;
      const inHand = new Promise<void>((resolve) => (release = resolve));
      const first: string[] = [];
      let finished = false;
      const worker = await context.queue.work(
        async (delivery) => {
          first.push(delivery.id);
          await inHand;
          finished = true;
          return 'done';
        },
        { concurrency: 1 },
      );
      const messages = [aMessage(), aMessage(), aMessage()];
      for (const message of messages) await context.queue.enqueue(message);
      await until(() => first.length === 1);
      const stopped = worker.stop();
      await sleep(100);
      release();
      await stopped;
      expect(finished).toBe(true);
      expect(first).toHaveLength(1);
      const second: string[] = [];
      await work(async (delivery) => {
        second.push(delivery.id);
        return 'done';
      });
      await until(() => second.length === 2, 3000); // far sooner than the ack wait
      expect([...first, ...second].sort()).toEqual(messages.map((message) => message.id).sort());
    });
  });
}
