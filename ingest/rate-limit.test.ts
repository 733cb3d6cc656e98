import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

function clockAt(start: number) {
  const clock = { t: start, now: () => new Date(clock.t) };
  return clock;
}

describe('fixed-window rate limiter', () => {
  it('lets `limit` requests through in a window, refuses the next with the seconds left, and lets it in after the window', () => {
    const clock = clockAt(Date.UTC(2026, 9, 12, 8, 0, 0));
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, clock: clock.now });
    expect([1, 2, 3].map(() => limiter.take('1.2.3.4').ok)).toEqual([true, true, true]);
    clock.t += 20_500;
    expect(limiter.take('1.2.3.4')).toEqual({ ok: false, retryAfterSeconds: 40 });
    clock.t += 39_499;
    expect(limiter.take('1.2.3.4').ok).toBe(false);
    clock.t += 1;
    expect(limiter.take('1.2.3.4')).toEqual({ ok: true, remaining: 2 });
  });

  it('counts each client on its own', () => {
    const clock = clockAt(0);
    const limiter = createRateLimiter({ limit: 1, windowMs: 1_000, clock: clock.now });
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
    expect(limiter.take('b').ok).toBe(true);
  });

  it('never holds more than maxKeys clients, dropping finished windows before running ones', () => {
    const clock = clockAt(0);
    const limiter = createRateLimiter({ limit: 1, windowMs: 1_000, clock: clock.now, maxKeys: 3 });
    limiter.take('old');
    clock.t = 2_000;
    limiter.take('x');
    limiter.take('y');
    limiter.take('z');
    expect(limiter.size()).toBe(3);
    // 'old' (finished) went, the running 'x', 'y' and 'z' stayed: 'x' is still refused.
    expect(limiter.take('x').ok).toBe(false);
    for (let i = 0; i < 1_000; i++) limiter.take(`flood-${i}`);
    expect(limiter.size()).toBe(3);
  });
});
