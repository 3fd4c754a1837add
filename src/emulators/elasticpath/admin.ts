import { EmulatorAdmin } from '../core/admin-client';
import type { EmulatorDelivery } from './deliveries';
import type { StoredElasticPathIntegration } from './validation';

/** Admin of an Elastic Path emulator; every integration route works on one store (`default` unless chosen with `store`). */
export class ElasticPathAdmin extends EmulatorAdmin<StoredElasticPathIntegration, string> {
  constructor(
    url: string,
    /** The store the integration, request-log and delivery routes address; absent: the default store. */
    readonly storeId?: string,
  ) {
    super(url);
  }

  /** The same emulator, addressing another store. */
  store(storeId: string): ElasticPathAdmin {
    return new ElasticPathAdmin(this.url, storeId);
  }

  protected storeQuery(): string {
    return this.storeId === undefined ? '' : `?store=${encodeURIComponent(this.storeId)}`;
  }

  /** Stores an integration as is (no validation; the id is generated when absent). */
  seed(integration: Partial<StoredElasticPathIntegration>): Promise<StoredElasticPathIntegration> {
    return this.call('POST', `/integrations${this.storeQuery()}`, integration);
  }

  /** Limits /v2 calls per store per second (429 with Retry-After beyond it); null lifts the limit. */
  async rateLimit(requestsPerSecond: number | null): Promise<void> {
    await this.call('POST', '/rate-limit', { requestsPerSecond });
  }

  /**
   * Fires an event at the store's enabled integrations that observe it. With `wait`, resolves
   * once every delivery has succeeded or run out of attempts.
   */
  events(
    event: string,
    options: { payload?: Record<string, unknown>; wait?: boolean } = {},
  ): Promise<{ event: string; store: string; deliveries: EmulatorDelivery[] }> {
    return this.call('POST', `/events${this.storeQuery()}`, { event, ...options });
  }

  /** `false`: logs and jobs are answered without a time, as the real API answers them; `true` adds it back. */
  async logTimestamps(enabled: boolean): Promise<void> {
    await this.call('POST', '/log-timestamps', { enabled });
  }

  /** Every delivery of the store, with the messages sent. */
  deliveries(): Promise<EmulatorDelivery[]> {
    return this.call('GET', `/deliveries${this.storeQuery()}`);
  }
}

