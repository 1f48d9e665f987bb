import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket';

function clock(): { now: () => number; advance: (ms: number) => void; set: (ms: number) => void } {
  let time = 1_000;
  return { now: () => time, advance: (ms) => (time += ms), set: (ms) => (time = ms) };
}

describe('TokenBucket', () => {
  it('starts full and refuses once empty', () => {
    const bucket = new TokenBucket(3, 1, clock().now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });

  it('refills at its rate, never above its capacity', () => {
    const time = clock();
    const bucket = new TokenBucket(4, 2, time.now);
    expect(bucket.take(4)).toBe(true);
    time.advance(500);
    expect(bucket.available()).toBe(1);
    time.advance(60_000);
    expect(bucket.available()).toBe(4);
  });

  it('charges a cost all at once or not at all', () => {
    const time = clock();
    const bucket = new TokenBucket(100, 10, time.now);
    expect(bucket.take(60)).toBe(true);
    expect(bucket.take(60)).toBe(false);
    expect(bucket.available()).toBe(40);
  });

  it('does not refill from a clock that goes backwards', () => {
    const time = clock();
    const bucket = new TokenBucket(2, 1, time.now);
    bucket.take(2);
    time.set(0);
    expect(bucket.available()).toBe(0);
    time.advance(1_000);
    expect(bucket.available()).toBe(1);
  });

  it('never refills with a rate of zero', () => {
    const time = clock();
    const bucket = new TokenBucket(1, 0, time.now);
    bucket.take();
    time.advance(1e9);
    expect(bucket.take()).toBe(false);
  });

  it('refuses a negative or missing size', () => {
    expect(() => new TokenBucket(-1, 1, clock().now)).toThrow(RangeError);
    expect(() => new TokenBucket(1, Number.NaN, clock().now)).toThrow(RangeError);
  });
});
