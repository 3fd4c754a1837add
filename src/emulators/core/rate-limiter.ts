import type { Clock } from './clock';

/**
 * Sliding-window limiter: at most `limit` requests in any `windowMs`. When full, it says how
 * many whole seconds remain until the oldest request leaves the window (the Retry-After value).
 */
export class SlidingWindowRateLimiter {
  private readonly accepted: number[] = [];

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Records a request; returns undefined when allowed, else the seconds to wait. */
  tryAcquire(): number | undefined {
    const now = this.clock();
    while (this.accepted.length > 0 && this.accepted[0] <= now - this.windowMs) this.accepted.shift();
    if (this.accepted.length >= this.limit) {
      return Math.max(1, Math.ceil((this.accepted[0] + this.windowMs - now) / 1000));
    }
    this.accepted.push(now);
    return undefined;
  }
}

export function positiveNumberOrError(value: unknown, name: string): number | undefined | string {
  if (value === undefined || value === null || value === 0) return undefined;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) return `${name} must be a positive number, 0 or null`;
  return value;
}
