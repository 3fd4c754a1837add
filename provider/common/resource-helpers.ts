/** Small pieces every resource handler needs: comparing values and turning API errors into diagnostics. */
import { ApiError, AuthenticationError, ConnectionError, RateLimitTimeoutError } from '../../api/errors';
import type { Diagnostics, PlainValue } from '../framework/types';

export function sameValue(a: PlainValue | undefined, b: PlainValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue((a as Record<string, PlainValue>)[k] ?? null, (b as Record<string, PlainValue>)[k] ?? null));
  }
  return false;
}

/** Compares two set values: order does not matter. */
export function sameSet(a: PlainValue | undefined, b: PlainValue | undefined): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return sameValue(a, b);
  const sortedA = [...a].map(String).sort();
  const sortedB = [...b].map(String).sort();
  return sameValue(sortedA, sortedB);
}

/** What to tell the user to check when the API refuses the credentials, cannot be reached, or stays rate-limited. */
export interface ApiErrorFixes {
  authentication: string;
  connection: string;
  /** When a request waited out 429 answers for as long as the provider's max_rate_limit_wait_seconds allows. */
  rateLimited: string;
}

/** The fix an API error calls for, when a provider setting is at fault. */
export function fixFor(error: ApiError, fixes: ApiErrorFixes): string | undefined {
  if (error instanceof AuthenticationError) return fixes.authentication;
  if (error instanceof ConnectionError) return fixes.connection;
  if (error instanceof RateLimitTimeoutError) return fixes.rateLimited;
  return undefined;
}

/**
 * Reports a failed API call. The API's own title and detail reach the user, with the
 * attribute the API blamed when its error points at one, and the provider setting to
 * check when the credentials, the address or the rate-limit wait are at fault; secrets never do, because
 * ApiError messages are built without request bodies or headers.
 */
export function reportApiError(diagnostics: Diagnostics, summary: string, error: unknown, fixes: ApiErrorFixes): void {
  if (error instanceof ApiError) {
    const attribute = error.pointer ? pointerToAttribute(error.pointer) : undefined;
    const fix = fixFor(error, fixes);
    diagnostics.error(summary, fix ? `${error.message}. Fix: ${fix}` : error.message, attribute);
    return;
  }
  diagnostics.error(summary, error instanceof Error ? error.message : String(error));
}

/** "/data/configuration/url" or "/configuration/url" -> ["configuration", "url"]. */
function pointerToAttribute(pointer: string): string[] | undefined {
  const steps = pointer.split('/').filter((step) => step !== '' && step !== 'data' && step !== 'attributes');
  const numeric = steps.findIndex((step) => /^\d+$/.test(step));
  const names = numeric === -1 ? steps : steps.slice(0, numeric);
  return names.length > 0 ? names : undefined;
}
