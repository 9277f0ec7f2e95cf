import cliProgress from 'cli-progress';

/** What the seed reports as it goes: a status line, then one bar (or series of lines) per phase. */
export type Progress = {
  /** A line saying what is happening now, written at once (opening a database can take seconds). */
  note(text: string): void;
  /** Starts the phase's own bar: its rows, rate and ETA are its own. `stop` it before the next one. */
  phase(name: string, total: number): Phase;
};

export type Phase = { advance(rows: number): void; stop(): void };

type Stream = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * On a terminal a live bar per phase, each left on its own line once done; on anything else (CI
 * logs, a file, a test reading stderr) a plain line about every 10% of each phase, because a
 * redrawn bar there is only noise. All on stderr, so stdout carries only the summary line.
 */
export function progress(stream: Stream = process.stderr): Progress {
  return {
    note: (text) => void stream.write(`${text}\n`),
    phase: (name, total) => (stream.isTTY ? barPhase(name, total, stream) : linePhase(name, total, stream)),
  };
}

/**
 * The phase's rate, from its start: on PostgreSQL a post costs about three times what a user does
 * (its trigram index entries), so a rate carried over from the users would halve the posts' ETA.
 * No ETA before the first batch is done: nothing is known yet, and "0s" would be a promise.
 */
function phaseRate(total: number) {
  const started = performance.now();
  let done = 0;
  return (rows: number): { done: number; perSecond: number; eta: string } => {
    done += rows;
    const seconds = (performance.now() - started) / 1000;
    const perSecond = seconds > 0 ? Math.round(done / seconds) : 0;
    if (done >= total) return { done, perSecond, eta: '0s' };
    return { done, perSecond, eta: done > 0 && perSecond > 0 ? duration((total - done) / perSecond) : '--' };
  };
}

function duration(seconds: number): string {
  const whole = Math.ceil(seconds);
  return whole < 60 ? `${whole}s` : `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}

function barPhase(name: string, total: number, stream: Stream): Phase {
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WriteStream,
      format: `seeding ${name.padEnd(5)} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta_text}`,
      formatValue: (value, _options, type) => (type === 'value' || type === 'total' ? value.toLocaleString('en-US') : String(value)),
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const rate = phaseRate(total);
  bar.start(total, 0, { rate: 0, eta_text: total === 0 ? '0s' : '--' });
  return {
    advance(rows) {
      const now = rate(rows);
      bar.update(now.done, { rate: now.perSecond.toLocaleString('en-US'), eta_text: now.eta });
    },
    stop: () => bar.stop(),
  };
}

function linePhase(name: string, total: number, stream: Stream): Phase {
  const rate = phaseRate(total);
  let nextTenth = 1;
  return {
    advance(rows) {
      const now = rate(rows);
      const tenths = total === 0 ? 10 : Math.floor((now.done / total) * 10);
      if (tenths < nextTenth) return;
      nextTenth = tenths + 1;
      const percent = total === 0 ? 100 : Math.floor((now.done / total) * 100);
      stream.write(`seeding ${name}: ${percent}% (${now.done}/${total} rows), ${now.perSecond} rows/s, ETA ${now.eta}\n`);
    },
    stop: () => undefined,
  };
}
