/**
 * What the sendcloud provider's configure hands to each resource and data source. A file of
 * its own, so the resources and the provider that lists them both look down at it instead of
 * at each other.
 */
import type { SendcloudClient, SendcloudIntegration } from '../../api/sendcloud';
import type { SendcloudV2UpdateMethod } from '../../api/sendcloud-vocabulary';
import type { BatchedReader } from '../common/batched-reader';

export interface SendcloudProviderData {
  readonly api: SendcloudClient;
  readonly reads: BatchedReader<number, SendcloudIntegration>;
  readonly v2UpdateMethod: SendcloudV2UpdateMethod;
}
