/** The providers this package ships; their Terraform source is registry.terraform.io/commerce-iac/<name>. */
export const PROVIDER_NAMES = ['elasticpath', 'sendcloud'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];
export const PROVIDER_HOST = 'registry.terraform.io';
export const PROVIDER_NAMESPACE = 'commerce-iac';
export const PROVIDER_SOURCE_PREFIX = `${PROVIDER_HOST}/${PROVIDER_NAMESPACE}`;
/**
 * The registry hosts a short source ("commerce-iac/elasticpath") resolves to: Terraform's, and
 * OpenTofu's (which reads the same short source as registry.opentofu.org/...). The offline mirror,
 * its include patterns and the warm providers' reattach entries are laid out under each.
 */
export const PROVIDER_HOSTS = [PROVIDER_HOST, 'registry.opentofu.org'] as const;
