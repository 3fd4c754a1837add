import { RateBudget, TokenBucket, perPeriodBucket } from '../../api/rate-limit';
import { FakeClock } from './helpers';

describe('TokenBucket', () => {
  test('grants a full burst, then spaces requests at the refill rate', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ capacity: 25, refillPerSecond: 25 }, clock);
    const waits = Array.from({ length: 28 }, () => bucket.reserve());
    expect(waits.slice(0, 25)).toEqual(Array(25).fill(0));
    // Each further token takes 1/25 s = 40 ms to exist; callers queue in order.
    expect(waits.slice(25)).toEqual([40, 80, 120]);
  });

  test('refills with time up to capacity, never beyond', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ capacity: 10, refillPerSecond: 5 }, clock);
    for (let i = 0; i < 10; i++) bucket.reserve();
    expect(bucket.available()).toBe(0);
    clock.advance(1000);
    expect(bucket.available()).toBe(5);
    clock.advance(60_000);
    expect(bucket.available()).toBe(10);
  });

  test('a queued deficit is paid back before new requests pass', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 10 }, clock);
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBe(100);
    expect(bucket.reserve()).toBe(200);
    clock.advance(200);
    expect(bucket.reserve()).toBe(100);
  });

  test('fails when configured with nonsense', () => {
    expect(() => new TokenBucket({ capacity: 0, refillPerSecond: 1 })).toThrow(/capacity/);
    expect(() => new TokenBucket({ capacity: 1, refillPerSecond: 0 })).toThrow(/refill/);
  });
});

describe('RateBudget (Sendcloud writes: 100/minute with bursts of 15/second)', () => {
  function sendcloudWrites(clock: FakeClock) {
    return new RateBudget([perPeriodBucket(100, 60, clock), perPeriodBucket(15, 1, clock)], clock);
  }

  test('15 writes pass at once, the 16th waits for the per-second bucket', () => {
    const clock = new FakeClock();
    const budget = sendcloudWrites(clock);
    const waits = Array.from({ length: 16 }, () => budget.reserve());
    expect(waits.slice(0, 15)).toEqual(Array(15).fill(0));
    expect(waits[15]).toBe(Math.ceil(1000 / 15));
  });

  test('over one minute at most 200 writes pass (100 stored + 100 refilled)', async () => {
    const clock = new FakeClock();
    const budget = sendcloudWrites(clock);
    const start = clock.now();
    let granted = 0;
    while (true) {
      await budget.acquire();
      if (clock.now() - start >= 60_000) break;
      granted++;
    }
    // A full minute bucket (100) plus one minute of refill (100); the 15/s bucket allows far more.
    expect(granted).toBeGreaterThanOrEqual(199);
    expect(granted).toBeLessThanOrEqual(200);
  });

  test('once the minute budget is spent, writes are spaced at 0.6 s', async () => {
    const clock = new FakeClock();
    const budget = sendcloudWrites(clock);
    const start = clock.now();
    for (let i = 0; i < 130; i++) await budget.acquire();
    // The 130th write needs the 30th refilled minute token: 30 * 0.6 s = 18 s. With the
    // 15/s bucket alone it would have passed after (130 - 15) / 15 = 7.7 s.
    expect(clock.now() - start).toBeGreaterThanOrEqual(17_990);
    expect(clock.now() - start).toBeLessThanOrEqual(18_010);
  });

  test('acquire sleeps the reserved time on the injected clock', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget([new TokenBucket({ capacity: 2, refillPerSecond: 2 }, clock)], clock);
    await budget.acquire();
    await budget.acquire();
    await budget.acquire();
    expect(clock.sleeps).toEqual([500]);
  });
});
