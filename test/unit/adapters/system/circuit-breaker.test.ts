import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../../../src/adapters/system/circuit-breaker.ts';
import { FixedClock } from '../../../support/fixed-clock.ts';

function breaker(options: { initialCooldownMs?: number; maxCooldownMs?: number } = {}) {
  const clock = new FixedClock();
  return { clock, breaker: new CircuitBreaker({ clock, ...options }) };
}

/** Opens a closed breaker and brings it to half-open with its probe let through. */
function toHalfOpen(b: CircuitBreaker, clock: FixedClock, cooldownMs: number): void {
  b.failed();
  clock.advance(cooldownMs);
  expect(b.allows()).toBe(true);
  expect(b.state).toBe('half-open');
}

describe('CircuitBreaker', () => {
  it('starts closed and lets every call through while nothing fails', () => {
    const { breaker: b } = breaker();
    expect(b.state).toBe('closed');
    for (let i = 0; i < 5; i++) {
      expect(b.allows()).toBe(true);
      b.succeeded();
    }
    expect(b.state).toBe('closed');
  });

  it('opens on the first failure and lets nothing through until the cooldown has passed', () => {
    const { clock, breaker: b } = breaker({ initialCooldownMs: 1000 });
    expect(b.allows()).toBe(true);
    b.failed();
    expect(b.state).toBe('open');
    expect(b.allows()).toBe(false);
    clock.advance(999);
    expect(b.allows()).toBe(false);
    expect(b.state).toBe('open');
    clock.advance(1);
    expect(b.allows()).toBe(true);
    expect(b.state).toBe('half-open');
  });

  it('lets exactly one probe through in half-open', () => {
    const { clock, breaker: b } = breaker({ initialCooldownMs: 1000 });
    toHalfOpen(b, clock, 1000);
    expect(b.allows()).toBe(false);
    expect(b.allows()).toBe(false);
    clock.advance(500);
    expect(b.allows()).toBe(false);
    expect(b.state).toBe('half-open');
  });

  it('closes when the probe succeeds, and then lets every call through again', () => {
    const { clock, breaker: b } = breaker({ initialCooldownMs: 1000 });
    toHalfOpen(b, clock, 1000);
    b.succeeded();
    expect(b.state).toBe('closed');
    expect(b.allows()).toBe(true);
    expect(b.allows()).toBe(true);
  });

  it('reopens for twice as long when the probe fails, doubling up to maxCooldownMs', () => {
    const { clock, breaker: b } = breaker({ initialCooldownMs: 1000, maxCooldownMs: 5000 });
    b.failed(); // open for 1000
    // Each failed probe doubles the wait: 2000, 4000, then capped at 5000, and stays there.
    for (const cooldown of [1000, 2000, 4000, 5000, 5000]) {
      clock.advance(cooldown - 1);
      expect(b.allows(), `still open 1 ms before ${cooldown} ms`).toBe(false);
      clock.advance(1);
      expect(b.allows(), `probe after ${cooldown} ms`).toBe(true);
      b.failed();
      expect(b.state).toBe('open');
    }
  });

  it('resets the cooldown to the initial one after a successful probe', () => {
    const { clock, breaker: b } = breaker({ initialCooldownMs: 1000, maxCooldownMs: 8000 });
    toHalfOpen(b, clock, 1000);
    b.failed(); // 2000 now
    clock.advance(2000);
    expect(b.allows()).toBe(true);
    b.succeeded();
    b.failed(); // a new outage: back to 1000
    clock.advance(999);
    expect(b.allows()).toBe(false);
    clock.advance(1);
    expect(b.allows()).toBe(true);
  });

  it('defaults to 1 s doubling up to 8 s', () => {
    const { clock, breaker: b } = breaker();
    b.failed();
    for (const cooldown of [1000, 2000, 4000, 8000, 8000]) {
      clock.advance(cooldown - 1);
      expect(b.allows()).toBe(false);
      clock.advance(1);
      expect(b.allows()).toBe(true);
      b.failed();
    }
  });

  it('gives up on a probe that never reports back after a cooldown, and lets one more through', () => {
    const { clock, breaker: b } = breaker({ initialCooldownMs: 1000 });
    toHalfOpen(b, clock, 1000); // this probe is lost: never reported
    clock.advance(999);
    expect(b.allows()).toBe(false);
    clock.advance(1);
    expect(b.allows()).toBe(true); // a second probe
    expect(b.state).toBe('half-open');
    expect(b.allows()).toBe(false); // and only one
    clock.advance(999);
    expect(b.allows()).toBe(false); // the re-sent probe starts its own cooldown
    b.succeeded();
    expect(b.state).toBe('closed');
  });

  it('waits out the doubled cooldown before re-sending a lost probe', () => {
    const { clock, breaker: b } = breaker({ initialCooldownMs: 1000 });
    toHalfOpen(b, clock, 1000);
    b.failed(); // cooldown 2000
    clock.advance(2000);
    expect(b.allows()).toBe(true); // probe, lost
    clock.advance(1999);
    expect(b.allows()).toBe(false);
    clock.advance(1);
    expect(b.allows()).toBe(true);
  });

  it('does not extend the cooldown when calls made before it opened fail late', () => {
    const { clock, breaker: b } = breaker({ initialCooldownMs: 1000 });
    // three calls go out while closed; they all fail, one after another
    expect(b.allows()).toBe(true);
    expect(b.allows()).toBe(true);
    expect(b.allows()).toBe(true);
    b.failed();
    clock.advance(600);
    b.failed(); // straggler
    clock.advance(300);
    b.failed(); // straggler
    expect(b.state).toBe('open');
    clock.advance(100); // 1000 ms after the first failure
    expect(b.allows()).toBe(true);
    // and the stragglers did not double the cooldown either: a failed probe waits 2000, not more
    b.failed();
    clock.advance(2000);
    expect(b.allows()).toBe(true);
  });

  it('stays open when a call let through before it opened succeeds late', () => {
    const { clock, breaker: b } = breaker({ initialCooldownMs: 1000 });
    expect(b.allows()).toBe(true);
    expect(b.allows()).toBe(true);
    b.failed(); // the first call fails: open
    b.succeeded(); // the second, sent before, answers now: says nothing about the server now
    expect(b.state).toBe('open');
    expect(b.allows()).toBe(false);
    clock.advance(1000);
    expect(b.allows()).toBe(true);
  });
});
