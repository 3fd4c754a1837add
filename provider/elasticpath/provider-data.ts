/**
 * What the elasticpath provider's configure hands to each resource and data source. A file of
 * its own, so the resources and the provider that lists them both look down at it instead of
 * at each other.
 */
import type { ElasticPathClient, EpIntegration } from '../../api/elasticpath';
import type { BatchedReader } from '../common/batched-reader';

export interface ElasticPathProviderData {
  readonly api: ElasticPathClient;
  readonly reads: BatchedReader<string, EpIntegration>;
  /** The store this configuration addresses: store_id, or "default" without one. */
  readonly storeId: string;
}
