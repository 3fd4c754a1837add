/**
 * Where Terraform installs this package's providers from: each provider construct's `source` and
 * `version`, else the app-wide default from CDK context, else the public address
 * `commerce-iac/<name>` at this package's version (what the generated bindings write).
 */
import type { Construct } from 'constructs';
import { type ProviderName, parseProviderSource } from '../../provider/names';

/**
 * Context key: the registry host and namespace both providers are installed from, `HOSTNAME/NAMESPACE`
 * (e.g. `app.terraform.io/acme`); each provider's source becomes `HOSTNAME/NAMESPACE/<name>`.
 * Set it in cdktf.json's "context", or with `app.node.setContext` before the stacks are made.
 */
export const PROVIDER_REGISTRY_CONTEXT_KEY = 'commerce-iac:providerRegistry';
/** Context key: the version constraint both providers are required at (e.g. `~> 0.2`). */
export const PROVIDER_VERSION_CONTEXT_KEY = 'commerce-iac:providerVersion';

export interface ProviderSourceProps {
  /**
   * The provider's source address, `[HOSTNAME/]NAMESPACE/<name>`, e.g.
   * `app.terraform.io/acme/elasticpath` for an HCP Terraform private registry.
   * @default - `<context commerce-iac:providerRegistry>/<name>`, else `commerce-iac/<name>`
   */
  readonly source?: string;
  /**
   * The version constraint, e.g. `~> 0.2`.
   * @default - context commerce-iac:providerVersion, else exactly this package's version
   */
  readonly version?: string;
}

// One constraint: an optional operator and a version of one to three numbers, with an optional pre-release.
const VERSION_CONSTRAINT = /^\s*(?:=|!=|>|>=|<|<=|~>)?\s*v?\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?\s*$/;

function contextString(scope: Construct, key: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`context ${key} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

/** The source and version a provider construct requires, checked; undefined fields keep the binding's defaults. */
export function resolveProviderSource(
  scope: Construct,
  construct: string,
  name: ProviderName,
  props: ProviderSourceProps,
): { source?: string; version?: string } {
  let source = props.source?.trim();
  let origin = `${construct} source`;
  if (source === undefined) {
    const registry = contextString(scope, PROVIDER_REGISTRY_CONTEXT_KEY)?.trim().replace(/\/+$/, '');
    if (registry !== undefined) {
      source = `${registry}/${name}`;
      origin = `context ${PROVIDER_REGISTRY_CONTEXT_KEY} ("${registry}")`;
      if (registry.split('/').length !== 2) {
        throw new Error(`${origin}: expected HOSTNAME/NAMESPACE, e.g. "app.terraform.io/acme"; each provider's source is that followed by /${name}`);
      }
    }
  }
  if (source !== undefined) {
    const parsed = parseProviderSource(source);
    if (!parsed) {
      throw new Error(`${origin} "${source}" is not a provider source address: expected [HOSTNAME/]NAMESPACE/${name}, e.g. "app.terraform.io/acme/${name}"`);
    }
    if (parsed.type !== name) {
      throw new Error(
        `${origin} "${source}" names the provider type "${parsed.type}": it must end in /${name}, the name the released executable ` +
          `(terraform-provider-${name}) is published under`,
      );
    }
  }
  let version = props.version;
  let versionOrigin = `${construct} version`;
  if (version === undefined) {
    version = contextString(scope, PROVIDER_VERSION_CONTEXT_KEY);
    versionOrigin = `context ${PROVIDER_VERSION_CONTEXT_KEY}`;
  }
  if (version !== undefined && !version.split(',').every((part) => VERSION_CONSTRAINT.test(part))) {
    throw new Error(`${versionOrigin} "${version}" is not a version constraint: write e.g. "~> 0.2", ">= 0.2.0, < 1.0.0" or "0.2.1"`);
  }
  return { source, version: version?.trim() };
}
