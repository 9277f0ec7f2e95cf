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

function barProgress(total: number, stream: NodeJS.WriteStream): Progress {
  const started = performance.now();
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'seeding {phase} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}',
      formatValue: (value, _options, type) => (type === 'value' || type === 'total' ? value.toLocaleString('en-US') : String(value)),
      hideCursor: true,
      // The ETA from the last 20 updates: posts go at a different rate from users, so the
      // estimate should follow the current phase rather than the whole run's average.
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let done = 0;
  bar.start(total, 0, { phase: 'users', rate: 0 });
  return {
    advance(rows, phase) {
      done += rows;
      bar.update(done, { phase: phase.padEnd(5), rate: rate(done, started).toLocaleString('en-US') });
    },
    stop: () => bar.stop(),
  };
}

function lineProgress(total: number, stream: NodeJS.WriteStream): Progress {
  const started = performance.now();
  let done = 0;
  let nextTenth = 1;
  return {
    advance(rows, phase) {
      done += rows;
      const tenths = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenths < nextTenth) return;
      nextTenth = tenths + 1;
      const perSecond = rate(done, started);
      const eta = perSecond > 0 ? Math.round((total - done) / perSecond) : 0;
      stream.write(`seeding ${phase}: ${total === 0 ? 100 : Math.floor((done / total) * 100)}% (${done}/${total} rows), ${perSecond} rows/s, ETA ${eta}s\n`);
    },
    stop: () => undefined,
  };
}

function rate(done: number, started: number): number {
  const seconds = (performance.now() - started) / 1000;
  return seconds > 0 ? Math.round(done / seconds) : 0;
}
