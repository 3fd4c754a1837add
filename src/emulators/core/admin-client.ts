import type { FaultConfig } from './faults';
import type { RequestLogEntry } from './server';
import type { TokenCounts } from './tokens';

/*
 * Typed callers of the emulators' `/__admin` side-channel, for this package's tests and for
 * users' own: each method is one admin route (server.ts and the emulators list them).
 * They work on any running emulator, in this process or in an `emulate` process, given its URL.
 * A refused admin call throws an EmulatorAdminError carrying the status and the emulator's
 * message; tests of the admin routes' own error answers use `send`, which does not throw.
 * The vendor-specific routes are in elasticpath/admin.ts and sendcloud/admin.ts.
 */

export class EmulatorAdminError extends Error {
  constructor(
    readonly method: string,
    readonly route: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} /__admin${route} answered ${status}: ${body}`);
    this.name = 'EmulatorAdminError';
  }
}

/** An admin answer as received, for tests that expect a refusal. */
export interface AdminAnswer {
  status: number;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  json: any;
  text: string;
}

/** `POST /__admin/faults`: what to inject; omitted fields take the emulator's defaults (every kind, 20 ms, seed 1). */
export type FaultSettings = Pick<FaultConfig, 'rate'> & Partial<Omit<FaultConfig, 'rate'>>;


/** The routes both emulators share. */
export abstract class EmulatorAdmin<Stored, Id extends string | number> {
  constructor(
    /** The emulator's base URL (`http://127.0.0.1:PORT`). */
    readonly url: string,
  ) {}

  /** Any admin route, answered as is (no throw on a refusal): for tests of the admin API itself. */
  async send(method: string, route: string, body?: unknown): Promise<AdminAnswer> {
    const response = await fetch(`${this.url}/__admin${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, json: parsed, text };
  }

  protected async call<T>(method: string, route: string, body?: unknown): Promise<T> {
    const answer = await this.send(method, route, body);
    if (answer.status < 200 || answer.status > 299) throw new EmulatorAdminError(method, route, answer.status, answer.text);
    return answer.json as T;
  }

  /** The query string that selects a store, for emulators with stores. */
  protected storeQuery(): string {
    return '';
  }

  /** Clears the request log, faults, limits and tokens, and restores the seed state. */
  async reset(): Promise<void> {
    await this.call('POST', '/reset');
  }

  /** Resolves once every API call the emulator is handling now has been answered or dropped. */
  async settle(): Promise<void> {
    await this.call('POST', '/settle');
  }

  /** The API calls since reset, oldest first. */
  requests(): Promise<RequestLogEntry[]> {
    return this.call('GET', `/requests${this.storeQuery()}`);
  }

  /** Starts injecting faults into API calls; answers the settings in force (null when `rate` is 0). */
  async faults(settings: FaultSettings): Promise<FaultConfig | null> {
    return (await this.call<{ faults: FaultConfig | null }>('POST', '/faults', settings)).faults;
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  /** Invalidates every token issued so far (a revocation): the next call with one gets 401. */
  async expireTokens(): Promise<void> {
    await this.call('POST', '/tokens/expire');
  }

  /**
   * From now on each token is refused on its `n`th authenticated call (n >= 2), so a client
   * must renew it mid-run; `null` stops this. Counted in calls, not time, so it behaves the
   * same on a busy machine.
   */
  expireTokensOnRequest(n: number | null): Promise<TokenCounts> {
    return this.call('POST', '/tokens/expire', { onRequest: n });
  }

  /** Tokens issued and expired since reset. */
  tokens(): Promise<TokenCounts> {
    return this.call('GET', '/tokens');
  }

  /** The stored integrations, unmasked. */
  integrations(): Promise<Stored[]> {
    return this.call('GET', `/integrations${this.storeQuery()}`);
  }

  /** Changes an integration out of band (no validation), as someone using the vendor's dashboard would. */
  patchIntegration(id: Id, fields: Partial<Stored>): Promise<Stored> {
    return this.call('PATCH', `/integrations/${encodeURIComponent(String(id))}${this.storeQuery()}`, fields);
  }

  async deleteIntegration(id: Id): Promise<void> {
    await this.call('DELETE', `/integrations/${encodeURIComponent(String(id))}${this.storeQuery()}`);
  }
}

