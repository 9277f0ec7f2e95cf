import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progress } from '../../../scripts/seed/progress.ts';

/** A stream that says it is a terminal, and keeps what was drawn on it (escape codes removed). */
function terminal(): { stream: PassThrough & { isTTY: boolean; columns: number }; screen: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 200 });
  let written = '';
  stream.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  // eslint-disable-next-line no-control-regex
  return { stream, screen: () => written.replace(/\x1B(?:\[[0-9;?]*[A-Za-z]|[78])/g, '\r') };
}

describe('the seed progress', () => {
  it('draws a bar per phase on a terminal, with no ETA before the first batch and the last state of each left on its own line', async () => {
    const { stream, screen } = terminal();
    const report = progress(stream);
    report.note('applying migrations');
    const users = report.phase('users', 1000);
    expect(screen()).toMatch(/seeding users .* 0% \| 0\/1,000 rows \| 0 rows\/s \| ETA --/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    users.advance(500);
    users.advance(500);
    users.stop();
    const posts = report.phase('posts', 3000);
    posts.stop();
    const lines = screen().split('\n').map((line) => line.split('\r').filter(Boolean).at(-1) ?? '');
    expect(lines[0]).toBe('applying migrations');
    expect(lines[1]).toMatch(/^seeding users \[█+\] 100% \| 1,000\/1,000 rows \| [\d,]+ rows\/s \| ETA 0s$/);
    expect(lines[2]).toMatch(/^seeding posts \[░+\] 0% \| 0\/3,000 rows \| 0 rows\/s \| ETA --$/);
    expect(screen()).not.toMatch(/ 0% [^\n\r]*ETA 0s/);
  });

  it('writes plain lines off a terminal, each phase on its own count and rate', () => {
    const stream = new PassThrough();
    let written = '';
    stream.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
    const report = progress(stream);
    const users = report.phase('users', 10);
    for (let i = 0; i < 10; i++) users.advance(1);
    const posts = report.phase('posts', 4);
    posts.advance(2);
    posts.advance(2);
    const lines = written.trim().split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[0]).toMatch(/^seeding users: 10% \(1\/10 rows\), \d+ rows\/s, ETA (\d+s|--)$/);
    expect(lines.at(-1)).toMatch(/^seeding posts: 100% \(4\/4 rows\), \d+ rows\/s, ETA 0s$/);
  });
});
