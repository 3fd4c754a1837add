/**
 * Time and randomness used by the HTTP layer. Injected so that retries, backoff,
 * token expiry and rate budgets can be tested without real waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A source of uniform random numbers in [0, 1), as Math.random. */
export type RandomSource = () => number;
