import { EmulatorAdmin } from '../core/admin-client';
import type { SendcloudSeedIntegration, StoredSendcloudIntegration } from './seed';
import type { StoredLog } from './shop';

/** What `POST /__admin/parcel-status` answers: whether the webhook was sent, and the receiver's answer. */
export interface ParcelStatusAnswer {
  sent: boolean;
  status_code?: number;
  body?: string;
  error?: string;
  message: Record<string, unknown>;
}

/** Admin of a Sendcloud emulator. */
export class SendcloudAdmin extends EmulatorAdmin<StoredSendcloudIntegration, number> {
  /** Stores an integration (id = highest + 1 when absent), as the seed would. */
  seed(integration: SendcloudSeedIntegration): Promise<StoredSendcloudIntegration> {
    return this.call('POST', '/integrations', integration);
  }

  /** Limits PATCH/PUT/DELETE calls per minute (429 with Retry-After beyond it); null lifts the limit. */
  async rateLimit(writesPerMinute: number | null): Promise<void> {
    await this.call('POST', '/rate-limit', { writesPerMinute });
  }

  /**
   * Records one integration exception log (base_url required; integration_id, created_at,
   * response_code, exception... as the vendor's log has them), as a failing shop would leave it.
   */
  exceptionLog(log: { base_url: string; integration_id?: number | null; created_at?: string } & Record<string, unknown>): Promise<StoredLog> {
    return this.call('POST', '/exception-logs', log);
  }

  /** Sends a signed `parcel_status_changed` webhook to the integration's webhook_url. */
  parcelStatus(
    integrationId: number,
    options: { status?: { id: number; message: string }; parcel?: Record<string, unknown> } = {},
  ): Promise<ParcelStatusAnswer> {
    return this.call('POST', '/parcel-status', { integration_id: integrationId, ...options });
  }
}
