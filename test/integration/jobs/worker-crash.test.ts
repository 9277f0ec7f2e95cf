import { describe, expect, it } from 'vitest';
import { until } from '../../support/until.ts';
import { spawn } from 'node:child_process';
import { jobsWorldForThisFile, startWorker, WORKER } from '../../support/job-fixtures.ts';

const shared = jobsWorldForThisFile();

const CONCURRENCY = 8;

/**
 * The real worker process (`npm run worker`) on a private nats-server and a database of the test's
 * own. Effects are the log mailer's lines ("mail sent", keyed by job id), read from each process's
 * stdout: what a mail provider would have received.
 */
describe('job workers as processes (npm run worker)', () => {
  it('refuses to start without NATS_URL, in one line naming it', async () => {
    const worker = spawn(process.execPath, [WORKER], { env: { ...process.env, NATS_URL: '', DATABASE_URL: shared.world.databaseUrl }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    worker.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    expect(await new Promise((resolve) => worker.once('exit', resolve))).toBe(1);
    expect(stderr.trim()).toBe('Invalid configuration: NATS_URL is required by `npm run worker` (without it, jobs run inside the service)');
  });

  it('kill -9 of a worker during 1,000 jobs: every job succeeds, once in effect except those it had in hand', async () => {
    const env = { DATABASE_URL: shared.world.databaseUrl, NATS_URL: shared.nats.url, JOB_CONCURRENCY: String(CONCURRENCY), JOB_LEASE_SECONDS: '2' };
    const [victim, survivor] = await Promise.all([startWorker(env), startWorker(env)]);
    try {
      const jobs = await shared.world.welcomeJobs(1000);
      await until(() => victim.mails.length >= 100, 60_000);
      victim.child.kill('SIGKILL');
      await victim.exit;
      expect(victim.mails.length).toBeLessThan(1000); // it died mid-run

      await until(async () => (await shared.world.statuses()).succeeded === 1000, 90_000);
      // Stopped (and its output read to the end) before its mails are counted.
      survivor.child.kill('SIGTERM');
      expect(await survivor.exit).toBe(0);
      const sent = new Map<string, number>();
      for (const id of [...victim.mails, ...survivor.mails]) sent.set(id, (sent.get(id) ?? 0) + 1);
      expect([...sent.keys()].sort()).toEqual(jobs.map((job) => job.id).sort());
      const twice = [...sent].filter(([, count]) => count > 1).map(([id]) => id);
      // Only a job whose mail went out and whose success was not yet written when the worker died
      // runs again: at most one per slot it had.
      expect(twice.length).toBeLessThanOrEqual(CONCURRENCY);
      for (const id of twice) expect(victim.mails).toContain(id);
    } finally {
      survivor.child.kill('SIGTERM'); // a failure above must not leave it taking the next test's jobs
      await survivor.exit;
    }
  }, 180_000);

  it('SIGTERM drains: the jobs in hand finish, the rest go back, and a later worker does each exactly once', async () => {
    const env = { DATABASE_URL: shared.world.databaseUrl, NATS_URL: shared.nats.url, JOB_CONCURRENCY: String(CONCURRENCY), JOB_LEASE_SECONDS: '30' };
    const first = await startWorker(env);
    const before = (await shared.world.statuses()).succeeded ?? 0;
    const jobs = await shared.world.welcomeJobs(500);
    await until(() => first.mails.length >= 50, 60_000);
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(first.lines.some((line) => line.includes('"worker stopped"'))).toBe(true);
    expect(first.mails.length).toBeLessThan(500);
    const stillQueued = await shared.world.statuses();
    expect(stillQueued.running ?? 0).toBe(0); // nothing left half-done

    // Well inside the 30 s ack wait: what the first had received but not started was handed back at once.
    const second = await startWorker(env);
    await until(async () => (await shared.world.statuses()).succeeded === before + 500, 20_000);
    const all = [...first.mails, ...second.mails].filter((id) => jobs.some((job) => job.id === id));
    expect(all).toHaveLength(500);
    expect(new Set(all).size).toBe(500);
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);
  }, 120_000);
});
