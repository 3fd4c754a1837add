import {
  DEFAULT_RETRY_POLICY,
  backoffDelay,
  isRateRefusal,
  mayHaveBeenApplied,
  parseRetryAfter,
  planRefusalRetry,
  planRetry,
  retryAfterJitter,
  shouldRetry,
  type AttemptFailure,
} from '../../api/retry';

const status = (s: number, retryAfterMs?: number): AttemptFailure => ({ kind: 'status', status: s, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
const network = (code: string, requestSent: boolean): AttemptFailure => ({ kind: 'network', code, requestSent });

describe('shouldRetry', () => {
  test.each([
    [429, true, 'retry'],
    [429, false, 'retry'],
    [503, false, 'retry'],
    [408, false, 'retry'],
    [500, true, 'retry'],
    [502, true, 'retry'],
    [504, true, 'retry'],
    [500, false, 'outcome-unknown'],
    [502, false, 'outcome-unknown'],
    [504, false, 'outcome-unknown'],
    [400, true, 'fail'],
    [401, true, 'fail'],
    [403, true, 'fail'],
    [404, true, 'fail'],
    [409, true, 'fail'],
    [422, true, 'fail'],
  ])('status %i (idempotent %s) -> %s', (s, idempotent, verdict) => {
    expect(shouldRetry(status(s), idempotent)).toBe(verdict);
  });

  test('409 is retried only when the server hints it is transient with Retry-After', () => {
    expect(shouldRetry(status(409, 1000), false)).toBe('retry');
  });

  test.each([
    ['ECONNREFUSED', false, false, 'retry'],
    ['ECONNREFUSED', true, false, 'retry'],
    ['EHOSTUNREACH', false, false, 'retry'],
    ['ECONNRESET', false, false, 'retry'],
    ['ECONNRESET', true, true, 'retry'],
    ['ECONNRESET', true, false, 'outcome-unknown'],
    ['ETIMEDOUT', true, false, 'outcome-unknown'],
    ['ETIMEDOUT', false, false, 'retry'],
    ['ETIMEDOUT', true, true, 'retry'],
    ['EPIPE', true, false, 'outcome-unknown'],
    ['ENOTFOUND', false, true, 'fail'],
    ['CERT_HAS_EXPIRED', false, true, 'fail'],
  ])('network %s (sent %s, idempotent %s) -> %s', (code, sent, idempotent, verdict) => {
    expect(shouldRetry(network(code, sent), idempotent)).toBe(verdict);
  });

  test('mayHaveBeenApplied marks failures after which the server may have acted', () => {
    expect(mayHaveBeenApplied(network('ECONNRESET', true))).toBe(true);
    expect(mayHaveBeenApplied(network('ECONNRESET', false))).toBe(false);
    expect(mayHaveBeenApplied(network('ECONNREFUSED', true))).toBe(false);
    expect(mayHaveBeenApplied(status(502))).toBe(true);
    expect(mayHaveBeenApplied(status(503))).toBe(false);
    expect(mayHaveBeenApplied(status(429))).toBe(false);
  });
});

describe('backoffDelay', () => {
  const policy = { baseDelayMs: 500, maxDelayMs: 10_000 };

  test('grows exponentially before jitter and is capped', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, policy, () => 0.999999));
    expect(ceilings).toEqual([499, 999, 1999, 3999, 7999, 9999, 9999]);
  });

  test('full jitter stays within [0, ceiling) for many random draws', () => {
    let seed = 42;
    const lcg = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let attempt = 1; attempt <= 8; attempt++) {
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const draws = Array.from({ length: 200 }, () => backoffDelay(attempt, policy, lcg));
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...draws)).toBeLessThan(ceiling);
      // Jitter really spreads: the draws are not all equal.
      expect(new Set(draws).size).toBeGreaterThan(50);
    }
  });

  test('random 0 gives no delay, random 0.5 gives half the ceiling', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(1000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  test('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });

  test('reads an HTTP date relative to now', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
  });

  test('a date in the past means no wait', () => {
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
  });

  test('absent or unreadable values are ignored', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

describe('planRetry', () => {
  const base = { idempotent: true, elapsedMs: 0, policy: DEFAULT_RETRY_POLICY, random: () => 0.5 };

  test('retries with the jittered backoff', () => {
    expect(planRetry({ ...base, failure: status(503), attempt: 2 })).toEqual({ retry: true, delayMs: 500 });
  });

  test('honours Retry-After exactly instead of the backoff', () => {
    expect(planRetry({ ...base, failure: status(429, 7000), attempt: 1 })).toEqual({ retry: true, delayMs: 7000 });
  });

  test('stops at maxAttempts', () => {
    const plan = planRetry({ ...base, failure: status(503), attempt: 5 });
    expect(plan).toMatchObject({ retry: false, verdict: 'retry' });
  });

  test('stops when the next retry would start after the time budget', () => {
    expect(planRetry({ ...base, failure: status(503), attempt: 1, elapsedMs: 59_900 })).toMatchObject({ retry: false });
    expect(planRetry({ ...base, failure: status(429, 61_000), attempt: 1 })).toMatchObject({ retry: false });
    expect(planRetry({ ...base, failure: status(429, 60_000), attempt: 1 })).toEqual({ retry: true, delayMs: 60_000 });
  });

  test('passes through the verdicts that must not retry', () => {
    expect(planRetry({ ...base, failure: status(400), attempt: 1 })).toMatchObject({ retry: false, verdict: 'fail' });
    expect(planRetry({ ...base, idempotent: false, failure: network('ECONNRESET', true), attempt: 1 })).toMatchObject({
      retry: false,
      verdict: 'outcome-unknown',
    });
  });
});

describe('rate refusals', () => {
  test('429 always, 503 only with Retry-After', () => {
    expect(isRateRefusal(status(429))).toBe(true);
    expect(isRateRefusal(status(429, 1000))).toBe(true);
    expect(isRateRefusal(status(503, 1000))).toBe(true);
    expect(isRateRefusal(status(503))).toBe(false);
    expect(isRateRefusal(status(500, 1000))).toBe(false);
    expect(isRateRefusal(network('ECONNRESET', false))).toBe(false);
  });

  test('jitter adds up to a fifth of Retry-After, at least 100 ms and at most 5 s of spread', () => {
    expect(retryAfterJitter(1000, () => 0.999)).toBe(199);
    expect(retryAfterJitter(0, () => 0.5)).toBe(50);
    expect(retryAfterJitter(60_000, () => 0.5)).toBe(2500);
    expect(retryAfterJitter(60_000, () => 0)).toBe(0);
  });

  const base = { policy: { ...DEFAULT_RETRY_POLICY, maxRateLimitWaitMs: 60_000 }, random: () => 0.5 };

  test('waits Retry-After plus jitter, never less than asked', () => {
    expect(planRefusalRetry({ ...base, retryAfterMs: 1000, refusals: 9, rateLimitedMs: 10_000 })).toEqual({ retry: true, delayMs: 1100 });
  });

  test('without Retry-After: the jittered backoff of the refusal count, cut to the wait left', () => {
    expect(planRefusalRetry({ ...base, retryAfterMs: undefined, refusals: 3, rateLimitedMs: 0 })).toEqual({ retry: true, delayMs: 1000 });
    expect(planRefusalRetry({ ...base, retryAfterMs: undefined, refusals: 9, rateLimitedMs: 59_000 })).toEqual({ retry: true, delayMs: 1000 });
  });

  test('gives up when the wait budget is spent, or Retry-After asks for more than is left', () => {
    expect(planRefusalRetry({ ...base, retryAfterMs: 1000, refusals: 50, rateLimitedMs: 60_000 })).toEqual({ retry: false, rateLimitedMs: 60_000, reason: 'waited-out' });
    expect(planRefusalRetry({ ...base, retryAfterMs: 30_000, refusals: 2, rateLimitedMs: 40_000 })).toEqual({
      retry: false,
      rateLimitedMs: 40_000,
      reason: 'retry-after-too-long',
      retryAfterMs: 30_000,
    });
  });
});
