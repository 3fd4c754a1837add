/** The providers this package ships; their Terraform source is registry.terraform.io/commerce-iac/<name>. */
export const PROVIDER_NAMES = ['elasticpath', 'sendcloud'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];
export const PROVIDER_HOST = 'registry.terraform.io';
export const PROVIDER_NAMESPACE = 'commerce-iac';
export const PROVIDER_SOURCE_PREFIX = `${PROVIDER_HOST}/${PROVIDER_NAMESPACE}`;
