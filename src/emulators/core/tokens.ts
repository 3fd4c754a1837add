import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';
import { adminError, parseJsonBody, type EmulatorRequest, type EmulatorResponse } from './server';

/*
 * The access tokens an emulator has issued, and the two ways a test makes them die:
 *   POST /__admin/tokens/expire                      every issued token is invalid at once
 *   POST /__admin/tokens/expire {"onRequest": N}     from now on, each token is refused on its
 *                                                    Nth authenticated call (N >= 2; null or 0
 *                                                    stops it); reset stops it too
 *   GET  /__admin/tokens                             {"issued", "expiredOnRequest", "onRequest"}
 * Counting calls instead of milliseconds lets a test expire tokens mid-run at the same point
 * however loaded the machine is.
 */

export interface TokenCounts {
  /** Tokens issued since reset. */
  issued: number;
  /** Tokens that died on their Nth call under the `onRequest` rule since reset. */
  expiredOnRequest: number;
  /** The current `onRequest` rule, or null. */
  onRequest: number | null;
}

export class AccessTokens {
  private readonly expiresAtMs = new Map<string, number>();
  private readonly calls = new Map<string, number>();
  private onRequest: number | undefined;
  private issued = 0;
  private expiredOnRequest = 0;

  constructor(
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
    private readonly tokenBytes: number,
    private readonly encoding: 'hex' | 'base64url',
  ) {}

  /** A fresh token and the moment it expires. */
  issue(): { token: string; expiresAtMs: number } {
    const token = randomBytes(this.tokenBytes).toString(this.encoding);
    const expiresAtMs = this.clock() + this.ttlSeconds * 1000;
    this.expiresAtMs.set(token, expiresAtMs);
    this.issued += 1;
    return { token, expiresAtMs };
  }

  /** Counts one authenticated call; false (and the token is forgotten) when it is unknown, expired or at its Nth call. */
  accept(token: string): boolean {
    const expiresAtMs = this.expiresAtMs.get(token);
    if (expiresAtMs === undefined || this.clock() >= expiresAtMs) {
      this.forget(token);
      return false;
    }
    if (this.onRequest !== undefined) {
      const calls = (this.calls.get(token) ?? 0) + 1;
      if (calls >= this.onRequest) {
        this.forget(token);
        this.expiredOnRequest += 1;
        return false;
      }
      this.calls.set(token, calls);
    }
    return true;
  }

  reset(): void {
    this.expiresAtMs.clear();
    this.calls.clear();
    this.onRequest = undefined;
    this.issued = 0;
    this.expiredOnRequest = 0;
  }

  /** `POST /tokens/expire` and `GET /tokens`; undefined for other routes. */
  handleAdmin(request: EmulatorRequest, subpath: string): EmulatorResponse | undefined {
    if (subpath === '/tokens' && request.method === 'GET') return { status: 200, body: this.counts() };
    if (subpath !== '/tokens/expire' || request.method !== 'POST') return undefined;
    if (request.body.length === 0) {
      this.expiresAtMs.clear();
      this.calls.clear();
      return { status: 204 };
    }
    const parsed = parseJsonBody(request);
    if (parsed.error) return adminError(400, parsed.error);
    const body = parsed.value;
    const onRequest = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).onRequest : undefined;
    if (onRequest === null || onRequest === 0) {
      this.onRequest = undefined;
    } else if (typeof onRequest === 'number' && Number.isInteger(onRequest) && onRequest >= 2) {
      this.onRequest = onRequest;
      this.calls.clear();
    } else {
      return adminError(400, 'onRequest must be an integer >= 2 (the call on which each token is refused), or null/0 to stop; send no body to expire every token now');
    }
    return { status: 200, body: this.counts() };
  }

  private counts(): TokenCounts {
    return { issued: this.issued, expiredOnRequest: this.expiredOnRequest, onRequest: this.onRequest ?? null };
  }

  private forget(token: string): void {
    this.expiresAtMs.delete(token);
    this.calls.delete(token);
  }
}
