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
