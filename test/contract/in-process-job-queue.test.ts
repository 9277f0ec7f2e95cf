import { InProcessJobQueue } from '../../src/adapters/jobs/in-process-job-queue.ts';
import { jobQueueContract } from './job-queue.contract.ts';

jobQueueContract('in process', async () => {
  const queue = new InProcessJobQueue();
  return { queue, close: async () => queue.close() };
});
