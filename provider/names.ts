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

/** A provider source address, `[HOSTNAME/]NAMESPACE/TYPE`, with the hostname filled in. */
export interface ProviderSource {
  host: string;
  namespace: string;
  type: string;
}

// Terraform's rules: a namespace or type is letters, digits and dashes; a hostname may carry a port.
const SOURCE_PART = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const HOSTNAME = /^[A-Za-z0-9.-]+(?::[0-9]+)?$/;

/**
 * Parses a source address as Terraform does (a short `NAMESPACE/TYPE` means registry.terraform.io),
 * lower-casing it; undefined when it is not one. Terraform compares addresses case-insensitively.
 */
export function parseProviderSource(address: string): ProviderSource | undefined {
  const parts = address.trim().split('/');
  if (parts.length === 2) parts.unshift(PROVIDER_HOST);
  if (parts.length !== 3) return undefined;
  const [host, namespace, type] = parts.map((part) => part.toLowerCase());
  if (!HOSTNAME.test(host) || !SOURCE_PART.test(namespace) || !SOURCE_PART.test(type)) return undefined;
  return { host, namespace, type };
}

/** The fully qualified form of a source address, `HOSTNAME/NAMESPACE/TYPE`. */
export function qualifiedSource(source: ProviderSource): string {
  return `${source.host}/${source.namespace}/${source.type}`;
}

/** This package's provider a source address names: its type must be one of them (the executable picks its provider by that name). */
export function providerOfSource(address: string): ProviderName | undefined {
  const type = parseProviderSource(address)?.type;
  return (PROVIDER_NAMES as readonly string[]).includes(type ?? '') ? (type as ProviderName) : undefined;
}
