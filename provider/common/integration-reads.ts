/** Building a provider's reads of its integrations: batched, 404 as "gone", and checked credentials. */
import { AuthenticationError, ConnectionError, RateLimitTimeoutError, isNotFound } from '../../api/errors';
import type { Diagnostics } from '../framework/types';
import { BatchedReader } from './batched-reader';
import type { ApiErrorFixes } from './resource-helpers';

/**
 * COMMERCE_IAC_BATCH_READS=0 turns batched refresh off: every read is its own GET. It exists
 * to compare results and request counts with and without batching.
 */
function batchedReadsEnabled(): boolean {
  return process.env.COMMERCE_IAC_BATCH_READS !== '0';
}

export function integrationReads<Id, T>(api: {
  list(): Promise<T[]>;
  firstPage?(): Promise<{ objects: T[]; complete: boolean }>;
  get(id: Id): Promise<T>;
  idOf(object: T): Id;
}): BatchedReader<Id, T> {
  return new BatchedReader<Id, T>(
    {
      list: api.list,
      ...(api.firstPage ? { firstPage: api.firstPage } : {}),
      get: (id) =>
        api.get(id).catch((error: unknown) => {
          if (isNotFound(error)) return null;
          throw error;
        }),
      idOf: api.idOf,
    },
    { batch: batchedReadsEnabled() },
  );
}

/**
 * Runs a first call at configure time, so refused credentials or an unreachable API give
 * one error naming the provider setting, instead of one per resource.
 */
export async function checkReachable(
  call: () => Promise<unknown>,
  what: string,
  fixes: ApiErrorFixes,
  credentialAttribute: string,
  diagnostics: Diagnostics,
): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    if (error instanceof AuthenticationError) {
      diagnostics.error(`${what} refused the credentials`, `${error.message}. Fix: ${fixes.authentication}`, [credentialAttribute]);
      return false;
    }
    if (error instanceof ConnectionError) {
      diagnostics.error(`${what} cannot be reached`, `${error.message}. Fix: ${fixes.connection}`, ['api_base_url']);
      return false;
    }
    if (error instanceof RateLimitTimeoutError) {
      diagnostics.error(`${what} stayed rate-limited`, `${error.message}. Fix: ${fixes.rateLimited}`, ['max_rate_limit_wait_seconds']);
      return false;
    }
    throw error;
  }
}
