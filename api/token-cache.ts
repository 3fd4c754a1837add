import { systemClock, type Clock } from './clock';
import { AuthenticationError } from './errors';
import type { AuthProvider } from './http';

export interface AccessToken {
  value: string;
  /** Epoch milliseconds at which the server stops accepting the token. */
  expiresAt: number;
}

/** Renew this long before the token expires, so a request never leaves with a dying token. */
export const DEFAULT_REFRESH_MARGIN_MS = 60_000;

/**
 * Caches an OAuth access token until shortly before it expires. Concurrent callers
 * share one in-flight token request. A transient failure is not cached; refused
 * credentials are, since they cannot change within one client's life, so a run with a
 * wrong secret makes one token request instead of one per resource.
 */
export class TokenCache {
  private current?: AccessToken;
  private inFlight?: Promise<AccessToken>;
  private refused?: AuthenticationError;

  constructor(
    private readonly fetchToken: () => Promise<AccessToken>,
    private readonly clock: Pick<Clock, 'now'> = systemClock,
    private readonly refreshMarginMs: number = DEFAULT_REFRESH_MARGIN_MS,
  ) {}

  async get(): Promise<string> {
    if (this.current && this.clock.now() < this.current.expiresAt - this.refreshMarginMs) {
      return this.current.value;
    }
    if (this.refused) throw this.refused;
    if (!this.inFlight) {
      this.inFlight = this.fetchToken()
        .then((token) => {
          this.current = token;
          return token;
        })
        .catch((error: unknown) => {
          if (error instanceof AuthenticationError) this.refused = error;
          throw error;
        })
        .finally(() => {
          this.inFlight = undefined;
        });
    }
    return (await this.inFlight).value;
  }

  /**
   * Forgets `rejected` if it is still the cached token. When several requests fail with
   * the same stale token, only the first forgets it, and all share the next fetch.
   */
  invalidate(rejected?: string): void {
    if (this.current && (rejected === undefined || this.current.value === rejected)) this.current = undefined;
  }

  /** The cached token value, if any (for redaction). */
  peek(): string | undefined {
    return this.current?.value;
  }
}

/** Sends a cached bearer token and renews it after a 401 (the HTTP client decides how often). */
export class BearerAuth implements AuthProvider {
  constructor(
    private readonly cache: TokenCache,
    private readonly credentialSecrets: readonly string[],
  ) {}

  async headers(): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.cache.get()}` };
  }

  async refresh(rejected: Record<string, string>): Promise<boolean> {
    const header = rejected.Authorization ?? '';
    this.cache.invalidate(header.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined);
    return true;
  }

  secrets(): string[] {
    const token = this.cache.peek();
    return token ? [...this.credentialSecrets, token] : [...this.credentialSecrets];
  }
}

/** HTTP Basic credentials (Sendcloud public key and secret key). */
export class BasicAuth implements AuthProvider {
  private readonly header: string;

  constructor(
    username: string,
    private readonly password: string,
  ) {
    this.header = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }

  async headers(): Promise<Record<string, string>> {
    return { Authorization: this.header };
  }

  secrets(): string[] {
    return [this.password, this.header.slice('Basic '.length)];
  }
}

/**
 * Computes when a token expires from an OAuth answer. `expires` (epoch seconds, Elastic
 * Path) is preferred; it is ignored when it lies in the past by our clock (clock skew),
 * in which case `expires_in` (seconds from now) is used. One hour is assumed when the
 * server gives neither, as both vendors document one-hour tokens.
 */
export function tokenExpiry(answer: { expires?: unknown; expires_in?: unknown }, nowMs: number): number {
  const expires = Number(answer.expires);
  if (Number.isFinite(expires) && expires > 0 && expires * 1000 > nowMs) return expires * 1000;
  const expiresIn = Number(answer.expires_in);
  if (Number.isFinite(expiresIn) && expiresIn > 0) return nowMs + expiresIn * 1000;
  return nowMs + 3600_000;
}
