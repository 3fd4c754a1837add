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
 *
 * `setShare` scales the refill rate and the capacity (an adaptive budget's lowered rate);
 * callers already told when to go keep their turn, later ones queue behind them at the new rate.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private share = 1;

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
    return Math.ceil((-this.tokens / this.refillPerSecond) * 1000);
  }

  /** Tokens available now (negative when callers are queued). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** The refill rate in use: the configured one times the share. */
  get refillPerSecond(): number {
    return this.options.refillPerSecond * this.share;
  }

  /** Runs the bucket at `share` (0-1] of its configured rate and capacity (never below one token). */
  setShare(share: number): void {
    this.refill();
    this.share = share;
    this.tokens = Math.min(this.tokens, this.capacity);
  }

  private get capacity(): number {
    return Math.max(1, this.options.capacity * this.share);
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.updatedAt = now;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed / 1000) * this.refillPerSecond);
  }
}

/**
 * How a budget adapts when the server refuses requests for their rate (429, or 503 with
 * Retry-After): additive increase, multiplicative decrease, as TCP shares a link. Every
 * process that shares a store (several applies, a drift check beside a deploy) lowers its own
 * rate on refusals and raises it slowly while requests pass, so together they settle near the
 * store's limit without talking to each other. A process alone climbs back to its full budget.
 */
export interface AdaptiveRateOptions {
  /** The share kept on a refusal: 0.7 keeps 70% (TCP CUBIC's factor; halving wastes more of the limit). */
  decreaseFactor: number;
  /**
   * Refusals within this long after a decrease belong to the same overload (requests sent at
   * the old rate, a window still full) and do not lower the rate again: the server's window.
   */
  decreaseIntervalMs: number;
  /** Share of the full budget regained per second while requests pass at the current rate. */
  increasePerSecond: number;
  /** The share never goes below this. */
  minimumShare: number;
}

/** Elastic Path counts requests per store over one second. */
export const PER_SECOND_LIMIT_ADAPTATION: AdaptiveRateOptions = {
  decreaseFactor: 0.7,
  decreaseIntervalMs: 1000,
  // At 25 requests/s: +2.5 requests/s every second, back from 70% in 3 s alone. Slower climbs
  // (+1/s) refused less but left the store half idle while the last of several applies finished.
  increasePerSecond: 0.1,
  minimumShare: 0.02,
};

/** Sendcloud counts writes over a minute: one decrease per minute, back from 70% in about 2 minutes. */
export const PER_MINUTE_LIMIT_ADAPTATION: AdaptiveRateOptions = {
  decreaseFactor: 0.7,
  decreaseIntervalMs: 60_000,
  increasePerSecond: 0.0025,
  minimumShare: 0.02,
};

export interface RateBudgetOptions {
  /** Lowers the rate on refusals and raises it back; absent: the budget is fixed. */
  adaptive?: AdaptiveRateOptions;
  /** Told when the adaptive share changes by a decrease, for logs. */
  onDecrease?: (share: number) => void;
}

/** Several buckets that must all grant a token, e.g. 100/minute and 15/second. */
export class RateBudget {
  private shareOfBudget = 1;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly buckets: readonly TokenBucket[],
    private readonly clock: Clock = systemClock,
    private readonly options: RateBudgetOptions = {},
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

  /** The share (0-1] of the configured rate this budget runs at now. */
  get share(): number {
    return this.shareOfBudget;
  }

  /** The server refused a request for its rate: lower the share, once per decrease interval. */
  refused(): void {
    const adaptive = this.options.adaptive;
    if (!adaptive) return;
    const now = this.clock.now();
    if (now - this.lastDecreaseAt < adaptive.decreaseIntervalMs) return;
    this.lastDecreaseAt = now;
    this.apply(Math.max(adaptive.minimumShare, this.shareOfBudget * adaptive.decreaseFactor));
    this.options.onDecrease?.(this.shareOfBudget);
  }

  /**
   * The server answered a request without refusing it. Each answer adds the increase spread
   * over the answers a second brings at the current rate, so the share climbs by
   * `increasePerSecond` per second while this process uses its budget, and not while it idles.
   */
  accepted(): void {
    const adaptive = this.options.adaptive;
    if (!adaptive || this.shareOfBudget >= 1) return;
    const answersPerSecond = Math.min(...this.buckets.map((bucket) => bucket.refillPerSecond));
    this.apply(Math.min(1, this.shareOfBudget + adaptive.increasePerSecond / answersPerSecond));
  }

  private apply(share: number): void {
    this.shareOfBudget = share;
    for (const bucket of this.buckets) bucket.setShare(share);
  }
}

/** A budget of `requests` per `perSeconds`, with bursts up to the same number. */
export function perPeriodBucket(requests: number, perSeconds: number, clock: Pick<Clock, 'now'> = systemClock): TokenBucket {
  return new TokenBucket({ capacity: requests, refillPerSecond: requests / perSeconds }, clock);
}
