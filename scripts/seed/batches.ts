import { setImmediate } from 'node:timers/promises';

/** A closed range of seed indexes, users `from`..`to`. */
export type Range = { from: number; to: number };

/** 1..count cut into ranges of at most `size`. */
export function ranges(count: number, size: number): Range[] {
  const out: Range[] = [];
  for (let from = 1; from <= count; from += size) out.push({ from, to: Math.min(count, from + size - 1) });
  return out;
}

/**
 * Runs `work` for each range, at most `jobs` at a time, each on its own pooled connection.
 * Why in parallel at all: the load is CPU-bound inside PostgreSQL (a post's title and body make
 * ~220 trigrams for the GIN index; measured: the index takes two thirds of a post's insert
 * time), and one statement runs on one core. The ranges are disjoint, so the statements never
 * wait on each other's rows.
 *
 * The first failure, or `stop()` (Ctrl-C), ends the handing out of new ranges; the ones in flight
 * are let finish, so that the process never closes the database under a running statement (on
 * PGlite that could leave the files half-written). Then the first error, if any, is thrown.
 */
export async function runBatches(
  all: Range[],
  jobs: number,
  work: (range: Range) => Promise<void>,
  stopped: () => boolean,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < all.length && !failure && !stopped()) {
      const range = all[next++] as Range;
      try {
        await work(range);
      } catch (error) {
        failure ??= { error };
      }
      // PGlite runs each statement on this thread and settles its promise without giving the
      // event loop a turn, so without this the Ctrl-C handler (and the bar's redraw timer) would
      // run only after the last batch.
      await setImmediate();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, all.length)) }, worker));
  if (failure) throw failure.error;
}
