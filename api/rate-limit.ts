import { systemClock, type Clock } from './clock';

export interface TokenBucketOptions {
  /** Most requests that can be made at once after a quiet period. */
  capacity: number;
  /** Steady rate at which the bucket refills. */
  refillPerSecond: number;
}

/**
 * A token bucket that hands out reservations: a caller always takes a token, and if the
 * bucket was empty it is told how long to wait for its token to exist. Tokens may go
 * negative, which queues callers in arrival order without a polling loop.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly options: TokenBucketOptions,
    private readonly clock: Pick<Clock, 'now'> = systemClock,
  ) {
    if (!(options.capacity >= 1)) throw new RangeError('token bucket capacity must be at least 1');
    if (!(options.refillPerSecond > 0)) throw new RangeError('token bucket refill rate must be positive');
    this.tokens = options.capacity;
    this.updatedAt = clock.now();
  }

  /** Takes one token; returns the milliseconds to wait before using it (0 = now). */
  reserve(): number {
    this.refill();
    this.tokens -= 1;
    if (this.tokens >= 0) return 0;
    return Math.ceil((-this.tokens / this.options.refillPerSecond) * 1000);
  }

  /** Tokens available now (negative when callers are queued). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.updatedAt = now;
    this.tokens = Math.min(this.options.capacity, this.tokens + (elapsed / 1000) * this.options.refillPerSecond);
  }
}

/** Several buckets that must all grant a token, e.g. 100/minute and 15/second. */
export class RateBudget {
  constructor(
    private readonly buckets: readonly TokenBucket[],
    private readonly clock: Clock = systemClock,
  ) {}

  /** Reserves a token in every bucket; returns the longest wait. */
  reserve(): number {
    let wait = 0;
    for (const bucket of this.buckets) wait = Math.max(wait, bucket.reserve());
    return wait;
  }

  /** Waits until a request may be sent. */
  async acquire(): Promise<number> {
    const wait = this.reserve();
    if (wait > 0) await this.clock.sleep(wait);
    return wait;
  }
}

/** A budget of `requests` per `perSeconds`, with bursts up to the same number. */
export function perPeriodBucket(requests: number, perSeconds: number, clock: Pick<Clock, 'now'> = systemClock): TokenBucket {
  return new TokenBucket({ capacity: requests, refillPerSecond: requests / perSeconds }, clock);
}
