/**
 * max_rate_limit_wait_seconds, the same setting on both providers: how long one request waits
 * out 429 answers (and 503 with Retry-After) before it fails. Declared here once; each
 * provider names its own environment variable.
 */
import { DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS } from '../../api/retry';
import { type AttributeSchema, type PlainValue, isUnknown } from '../framework/types';
import { withEnvironmentFallback } from './provider-config';

export const RATE_LIMIT_WAIT_SETTING = 'max_rate_limit_wait_seconds';

/** An hour: beyond it the setting was most likely given in milliseconds. */
const MAX_SECONDS = 3600;

/** Seconds from 0 (fail on the first refusal) to an hour. */
export function rateLimitWaitSeconds(value: PlainValue): string | undefined {
  if (value === null || value === undefined || isUnknown(value)) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_SECONDS) {
    return `${JSON.stringify(value)} is not a wait in seconds: give a number from 0 (fail on the first 429) to ${MAX_SECONDS}, e.g. ${DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS} for 5 minutes`;
  }
  return undefined;
}

/** The attribute, with `limitHolder` the thing whose limit is shared ("the store", "the account"). */
export function rateLimitWaitAttribute(env: string, limitHolder: string): AttributeSchema {
  return withEnvironmentFallback(
    env,
    {
      type: 'number',
      optional: true,
      description:
        `How long one API request waits out 429 answers (and 503 with Retry-After) before it fails, in seconds from its first ` +
        `refusal. Applies, drift checks and pipelines that share ${limitHolder}'s rate limit take turns within it: each ` +
        `waits Retry-After and lowers its own request rate. 0 fails on the first refusal.`,
      validate: rateLimitWaitSeconds,
    },
    `${DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS} (5 minutes)`,
  );
}

/** The fix an error names when a request waited as long as the setting allows. */
export function rateLimitedFix(env: string, limitHolder: string): string {
  return (
    `${limitHolder} stayed rate-limited for as long as the provider waits: raise ${RATE_LIMIT_WAIT_SETTING} (or $${env}) ` +
    `to wait longer, or run fewer applies against ${limitHolder} at once`
  );
}

/** The client option for the setting's value. */
export function maxRateLimitWaitMs(seconds: number | undefined): { maxRateLimitWaitMs?: number } {
  return seconds === undefined ? {} : { maxRateLimitWaitMs: seconds * 1000 };
}
