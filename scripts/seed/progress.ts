import cliProgress from 'cli-progress';

/** Rows done out of a known total, reported as the seed goes; `stop` before printing anything else. */
export type Progress = {
  advance(rows: number, phase: string): void;
  stop(): void;
};

/**
 * A live bar with the rate and an ETA on a terminal; on anything else (CI logs, a file, a test
 * that reads stderr) a plain line about every 10%, because a redrawn bar there is just noise.
 * Both go to stderr, so stdout carries only the summary line and stays machine-readable.
 */
export function progress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  return stream.isTTY ? barProgress(total, stream) : lineProgress(total, stream);
}

/**
 * The rate of the current phase only: on PostgreSQL a post costs about three times what a user
 * does (its trigram index entries), so a rate averaged over the whole run would promise, at the
 * start of the posts, an ETA of half the real one.
 */
function phaseRate() {
  let phase = '';
  let rowsInPhase = 0;
  // A phase starts when the last batch of the one before it ended (or when the bar started).
  let since = performance.now();
  let last = since;
  return (rows: number, current: string): number => {
    if (current !== phase) [phase, since, rowsInPhase] = [current, last, 0];
    rowsInPhase += rows;
    last = performance.now();
    const seconds = (last - since) / 1000;
    return seconds > 0 ? Math.round(rowsInPhase / seconds) : 0;
  };
}

function barProgress(total: number, stream: NodeJS.WriteStream): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'seeding {phase} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}',
      formatValue: (value, _options, type) => (type === 'value' || type === 'total' ? value.toLocaleString('en-US') : String(value)),
      hideCursor: true,
      // cli-progress's ETA comes from the last `etaBuffer` updates, so it follows the current
      // phase too (see phaseRate) once a few of its batches are done.
      etaBuffer: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  const rate = phaseRate();
  let done = 0;
  bar.start(total, 0, { phase: 'users', rate: 0 });
  return {
    advance(rows, phase) {
      done += rows;
      bar.update(done, { phase: phase.padEnd(5), rate: rate(rows, phase).toLocaleString('en-US') });
    },
    stop: () => bar.stop(),
  };
}

function lineProgress(total: number, stream: NodeJS.WriteStream): Progress {
  const rate = phaseRate();
  let done = 0;
  let nextTenth = 1;
  return {
    advance(rows, phase) {
      done += rows;
      const perSecond = rate(rows, phase);
      const tenths = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenths < nextTenth) return;
      nextTenth = tenths + 1;
      const eta = perSecond > 0 ? Math.round((total - done) / perSecond) : 0;
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      stream.write(`seeding ${phase}: ${percent}% (${done}/${total} rows), ${perSecond} rows/s, ETA ${eta}s\n`);
    },
    stop: () => undefined,
  };
}
