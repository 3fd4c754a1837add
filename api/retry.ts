import type { RandomSource } from './clock';

/** What went wrong on one attempt, in the terms the retry decision needs. */
export type AttemptFailure =
  | { kind: 'status'; status: number; retryAfterMs?: number }
  | { kind: 'network'; code: string; requestSent: boolean };

/**
 * The retry decision for one failed attempt:
 * - `retry`: the request can be sent again without risk;
 * - `outcome-unknown`: the request may have been applied and is not idempotent; it must
 *   not be re-sent blindly;
 * - `fail`: retrying cannot help (4xx, bad configuration).
 */
export type RetryVerdict = 'retry' | 'outcome-unknown' | 'fail';

/**
 * Codes that mean the connection was never established, so the server never saw the
 * request. Safe to retry for every method.
 */
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENETDOWN']);

/** Codes for a connection that broke or stalled; whether the server acted depends on requestSent. */
const BROKEN_CONNECTION_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'ESOCKETTIMEDOUT',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/**
 * Statuses that say the request was refused before being processed, whatever the method:
 * 408 (the server gave up reading it), 429 (rate limit), 503 (not accepting work).
 */
const REFUSED_UNPROCESSED = new Set([408, 429, 503]);

/**
 * The pure retry decision.
 *
 * - Connection never established (ECONNREFUSED...): retry.
 * - Connection broke (reset, timeout): retry when the request had not been fully sent,
 *   or when it is idempotent; otherwise the outcome is unknown.
 * - 408, 429, 503: retry (refused before processing).
 * - Other 5xx: retry idempotent requests; for a create the server may have committed
 *   before failing, so the outcome is unknown.
 * - 409: neither spec documents a transient conflict, so it is retried only when the
 *   server hints it is transient with a Retry-After header.
 * - Every other status (4xx, including 401/403, which token refresh handles elsewhere): fail.
 * - Unknown network codes (ENOTFOUND, TLS errors): fail; they are configuration problems.
 */
export function shouldRetry(failure: AttemptFailure, idempotent: boolean): RetryVerdict {
  if (failure.kind === 'network') {
    if (NOT_CONNECTED_CODES.has(failure.code)) return 'retry';
    if (BROKEN_CONNECTION_CODES.has(failure.code)) {
      if (!failure.requestSent || idempotent) return 'retry';
      return 'outcome-unknown';
    }
    return 'fail';
  }
  const { status } = failure;
  if (REFUSED_UNPROCESSED.has(status)) return 'retry';
  if (status >= 500 && status <= 599) return idempotent ? 'retry' : 'outcome-unknown';
  if (status === 409 && failure.retryAfterMs !== undefined) return 'retry';
  return 'fail';
}

export interface RetryPolicy {
  /**
   * Attempts that may fail with an error, the first included. Refusals for rate (see
   * isRateRefusal) are not errors: they wait within maxRateLimitWaitMs instead.
   */
  maxAttempts: number;
  /**
   * No retry after an error is scheduled if it would start later than this after the first
   * attempt began, not counting the time spent waiting out refusals.
   */
  maxRetryTimeMs: number;
  /** Backoff before the first retry, before jitter. */
  baseDelayMs: number;
  /** Upper bound of one backoff delay, before jitter. */
  maxDelayMs: number;
  /**
   * How long one request keeps being retried while the server refuses it for rate, from its
   * first refusal: a Terraform run waits out a busy store rather than failing.
   */
  maxRateLimitWaitMs: number;
}

/**
 * Five minutes: a Terraform run can afford it, and a store shared by several applies clears
 * well within it (four applies of 50 into one store at 25/s wait seconds); a store refusing
 * for longer has something else wrong.
 */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 300;
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS * 1000;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  maxRetryTimeMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxRateLimitWaitMs: DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
};

/**
 * A refusal for rate: 429, or 503 with Retry-After (the server says when it takes work again).
 * The request was not processed; it waits and goes again, and the rate budget adapts.
 */
export function isRateRefusal(failure: AttemptFailure): boolean {
  if (failure.kind !== 'status') return false;
  return failure.status === 429 || (failure.status === 503 && failure.retryAfterMs !== undefined);
}

/**
 * Jitter added to a Retry-After wait: up to a fifth of it, at least 100 ms and at most 5 s, so
 * that processes refused at the same moment do not come back at the same moment. Never less
 * than the server asked.
 */
export function retryAfterJitter(retryAfterMs: number, random: RandomSource): number {
  const span = Math.min(5_000, Math.max(100, retryAfterMs * 0.2));
  return Math.floor(Math.min(Math.max(random(), 0), 1) * span);
}

export type RefusalPlan =
  | { retry: true; delayMs: number }
  | { retry: false; rateLimitedMs: number; reason: 'waited-out' | 'retry-after-too-long'; retryAfterMs?: number };

/**
 * After a refusal: wait Retry-After plus jitter (or, without one, the jittered exponential
 * backoff of the refusal count), within maxRateLimitWaitMs counted from the first refusal.
 * A Retry-After beyond what is left fails now; a backoff is cut to what is left, so the last
 * attempt goes out when the wait budget ends.
 */
export function planRefusalRetry(input: {
  retryAfterMs: number | undefined;
  /** Refusals of this request so far, this one included. */
  refusals: number;
  /** Time since this request's first refusal. */
  rateLimitedMs: number;
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'maxRateLimitWaitMs'>;
  random: RandomSource;
}): RefusalPlan {
  const { retryAfterMs, refusals, rateLimitedMs, policy, random } = input;
  const leftMs = policy.maxRateLimitWaitMs - rateLimitedMs;
  if (leftMs <= 0) return { retry: false, rateLimitedMs, reason: 'waited-out' };
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > leftMs) return { retry: false, rateLimitedMs, reason: 'retry-after-too-long', retryAfterMs };
    return { retry: true, delayMs: Math.min(leftMs, retryAfterMs + retryAfterJitter(retryAfterMs, random)) };
  }
  return { retry: true, delayMs: Math.min(leftMs, backoffDelay(refusals, policy, random)) };
}

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(cap, base * 2^(n-1))),
 * where n is the number of the attempt that just failed (1-based). Full jitter spreads
 * clients that failed together so they do not retry together.
 */
export function backoffDelay(failedAttempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: RandomSource): number {
  const exponent = Math.max(0, failedAttempt - 1);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

/**
 * Parses a Retry-After header: delay-seconds ("120") or an HTTP date. Returns the delay
 * in milliseconds from `nowMs` (never negative), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date always names the weekday and month; this keeps "-5" from parsing as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

export type RetryPlan =
  | { retry: true; delayMs: number }
  | { retry: false; verdict: RetryVerdict; reason: string };

/**
 * Combines the decision with the bounds: attempts, total time, and the server's
 * Retry-After (honoured as given; if it asks for more time than the budget has left,
 * the call fails now instead of sleeping past its budget).
 */
export function planRetry(input: {
  failure: AttemptFailure;
  idempotent: boolean;
  attempt: number;
  elapsedMs: number;
  policy: RetryPolicy;
  random: RandomSource;
}): RetryPlan {
  const { failure, idempotent, attempt, elapsedMs, policy, random } = input;
  const verdict = shouldRetry(failure, idempotent);
  if (verdict !== 'retry') return { retry: false, verdict, reason: verdict === 'fail' ? 'not retryable' : 'outcome unknown' };
  if (attempt >= policy.maxAttempts) {
    return { retry: false, verdict, reason: `gave up after ${attempt} attempts` };
  }
  const retryAfterMs = failure.kind === 'status' ? failure.retryAfterMs : undefined;
  const delayMs = retryAfterMs ?? backoffDelay(attempt, policy, random);
  if (elapsedMs + delayMs > policy.maxRetryTimeMs) {
    return { retry: false, verdict, reason: `retry time budget of ${policy.maxRetryTimeMs} ms exhausted` };
  }
  return { retry: true, delayMs };
}

/**
 * How many times one call renews its credentials after 401 answers. Calls refused together
 * share one renewal, and under Terraform's parallelism (10 by default) the others may use up
 * a short-lived renewed token before this call's retry reaches the server. Which call gets
 * through is not fair: with tokens that die on their 3rd call and 10 calls in flight, ten
 * renewals failed an apply of 36 in one of three runs here (a call lost ten rounds in a row);
 * if each round lets about two in ten through, fifty leave a call 0.8^50 (about 1e-5). Renewals are shared, so the bound costs an API
 * that refuses every fresh token at most fifty token requests before the call ends.
 */
export const MAX_CREDENTIAL_RENEWALS = 50;

/**
 * Whether a call answered 401 renews its credentials and goes again. The first refusal
 * renews: the token may have expired or been revoked before the call began. A later one
 * renews again only for credentials this call has not seen refused, that is a token obtained
 * while the call ran and expired in between; a server that hands out the same refused token
 * again ends the call. At most MAX_CREDENTIAL_RENEWALS renewals.
 */
export function shouldRenewCredentials(refusedBefore: readonly string[], refusedNow: string): boolean {
  if (refusedBefore.length >= MAX_CREDENTIAL_RENEWALS) return false;
  return refusedBefore.length === 0 || !refusedBefore.includes(refusedNow);
}

/**
 * Whether the server may have acted on a request that failed this way: it was fully
 * sent and then the connection broke, or the server failed (5xx other than 503).
 * Used to recognise that a later 404 on a DELETE is our own earlier success.
 */
export function mayHaveBeenApplied(failure: AttemptFailure): boolean {
  if (failure.kind === 'network') return failure.requestSent && BROKEN_CONNECTION_CODES.has(failure.code);
  return failure.status >= 500 && failure.status <= 599 && failure.status !== 503;
}
