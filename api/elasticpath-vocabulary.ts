/**
 * Elastic Path facts the rest of the project derives from, in a file with no imports so the
 * provider's schema (loaded on every Terraform launch) can read them without the HTTP stack.
 * The event catalog is beside it, in elasticpath-events.ts.
 */

/** The API hosts, by region. */
export const ELASTIC_PATH_REGIONS = {
  useast: 'https://useast.api.elasticpath.com',
  euwest: 'https://euwest.api.elasticpath.com',
} as const;

export type ElasticPathRegion = keyof typeof ELASTIC_PATH_REGIONS;

export const ELASTIC_PATH_REGION_NAMES = Object.keys(ELASTIC_PATH_REGIONS) as ElasticPathRegion[];

/** The region used when neither a base URL nor a region is given. */
export const DEFAULT_ELASTIC_PATH_REGION: ElasticPathRegion = 'useast';

/** Elastic Path's request limit on development stores; production stores allow 100 (both counted per store). */
export const DEFAULT_ELASTIC_PATH_REQUESTS_PER_SECOND = 25;

/** How an integration delivers events. */
export const ELASTIC_PATH_INTEGRATION_TYPES = ['webhook', 'aws_sqs', 'stomp'] as const;
export type IntegrationType = (typeof ELASTIC_PATH_INTEGRATION_TYPES)[number];

/** Configuration fields whose values are credentials (the access key id too: with its secret it is one, and the API masks it). */
export const ELASTIC_PATH_SECRET_CONFIGURATION_FIELDS = ['secret_key', 'aws_access_key_id', 'aws_secret_access_key', 'password'] as const;

/** The secret fields the API answers masked (to their last 4 characters); the webhook's secret_key it answers as sent. */
export const ELASTIC_PATH_MASKED_CONFIGURATION_FIELDS = ['aws_access_key_id', 'aws_secret_access_key', 'password'] as const;
