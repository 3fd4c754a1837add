/**
 * The two providers, as thin subclasses of the generated bindings: the same
 * `provider "elasticpath"` / `provider "sendcloud"` blocks, plus synth-time checks and a
 * warning when a secret is written into the configuration as a literal.
 */
import type { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { ElasticpathProvider as ElasticpathProviderBinding } from '../../provider/gen/providers/elasticpath/provider';
import { SendcloudProvider as SendcloudProviderBinding } from '../../provider/gen/providers/sendcloud/provider';
import { PROVIDER_SCHEMA as ELASTICPATH_PROVIDER_SCHEMA } from '../../provider/elasticpath/schema';
import { PROVIDER_SCHEMA as SENDCLOUD_PROVIDER_SCHEMA } from '../../provider/sendcloud/schema';
import type { AttributeSchema } from '../../provider/framework/types';
import type { ElasticPathRegion } from '../../api/elasticpath-vocabulary';
import type { SendcloudApiVersion, SendcloudV2UpdateMethod } from '../../api/sendcloud-vocabulary';
import { applyDeclaredChecks } from './declared-checks';
import { type ProviderSourceProps, resolveProviderSource } from './provider-source';

export { PROVIDER_REGISTRY_CONTEXT_KEY, PROVIDER_VERSION_CONTEXT_KEY, type ProviderSourceProps } from './provider-source';

export interface ElasticPathProviderProps extends ProviderSourceProps {
  /**
   * Client id of an Elastic Path client-credentials key.
   * @default - the provider reads $ELASTICPATH_CLIENT_ID when Terraform runs
   */
  readonly clientId?: string;
  /**
   * Client secret of that key. Prefer leaving it out: a literal here is written to cdk.tf.json.
   * @default - the provider reads $ELASTICPATH_CLIENT_SECRET when Terraform runs
   */
  readonly clientSecret?: string;
  /**
   * The API host root, e.g. https://useast.api.elasticpath.com.
   * @default - $ELASTICPATH_API_BASE_URL when Terraform runs, else the host of `region`
   */
  readonly apiBaseUrl?: string;
  /**
   * useast or euwest: a shortcut for apiBaseUrl. A token (a variable's value) is cast:
   * `variable.stringValue as ElasticPathRegion`; the provider checks it when Terraform runs.
   * @default - $ELASTICPATH_REGION when Terraform runs, else "useast"
   */
  readonly region?: ElasticPathRegion;
  /**
   * Sent as EP-Store-ID, for keys that reach several stores.
   * @default - $ELASTICPATH_STORE_ID when Terraform runs, else no store header
   */
  readonly storeId?: string;
  /**
   * The client's budget of API requests per second. Elastic Path counts its limit per store:
   * 25/s on development stores, 100/s on production stores. On 429 answers the client lowers
   * its rate below this (other processes share the store) and raises it back while requests pass.
   * @default - $ELASTICPATH_MAX_REQUESTS_PER_SECOND when Terraform runs, else 25
   */
  readonly maxRequestsPerSecond?: number;
  /**
   * How long one API request waits out 429 answers before it fails, in seconds from its first
   * refusal (0 to 3600; 0 fails on the first refusal).
   * @default - $ELASTICPATH_MAX_RATE_LIMIT_WAIT_SECONDS when Terraform runs, else 300 (5 minutes)
   */
  readonly maxRateLimitWaitSeconds?: number;
  /**
   * Alias of this provider configuration, for a second store in the same stack.
   * @default - the default (unaliased) elasticpath provider
   */
  readonly alias?: string;
}

export interface SendcloudProviderProps extends ProviderSourceProps {
  /**
   * API public key.
   * @default - the provider reads $SENDCLOUD_PUBLIC_KEY when Terraform runs
   */
  readonly publicKey?: string;
  /**
   * API secret key. Prefer leaving it out: a literal here is written to cdk.tf.json.
   * @default - the provider reads $SENDCLOUD_SECRET_KEY when Terraform runs
   */
  readonly secretKey?: string;
  /**
   * OAuth2 client id, instead of a key pair.
   * @default - $SENDCLOUD_OAUTH_CLIENT_ID when Terraform runs, else the key pair is used
   */
  readonly oauthClientId?: string;
  /**
   * OAuth2 client secret.
   * @default - $SENDCLOUD_OAUTH_CLIENT_SECRET when Terraform runs
   */
  readonly oauthClientSecret?: string;
  /**
   * OAuth2 token endpoint.
   * @default - $SENDCLOUD_OAUTH_TOKEN_URL, else https://account.sendcloud.com/oauth2/token
   */
  readonly oauthTokenUrl?: string;
  /**
   * The API host root.
   * @default - $SENDCLOUD_API_BASE_URL when Terraform runs, else https://panel.sendcloud.sc
   */
  readonly apiBaseUrl?: string;
  /**
   * v3 or v2. Under v2 an integration's feedbackType cannot be managed. A token is cast:
   * `variable.stringValue as SendcloudApiVersion`.
   * @default "v3"
   */
  readonly apiVersion?: SendcloudApiVersion;
  /**
   * Under v2: patch sends the changed fields, put sends the whole object.
   * @default "patch"
   */
  readonly v2UpdateMethod?: SendcloudV2UpdateMethod;
  /**
   * How long one API request waits out 429 answers (Sendcloud's write limit is 100 a minute)
   * before it fails, in seconds from its first refusal (0 to 3600; 0 fails on the first refusal).
   * @default - $SENDCLOUD_MAX_RATE_LIMIT_WAIT_SECONDS when Terraform runs, else 300 (5 minutes)
   */
  readonly maxRateLimitWaitSeconds?: number;
  /**
   * Alias of this provider configuration, for a second account in the same stack.
   * @default - the default (unaliased) sendcloud provider
   */
  readonly alias?: string;
}

function providerSecretAdvice(attribute: AttributeSchema): string {
  const variable = attribute.env;
  return variable
    ? `leave it out and set the environment variable ${variable} where Terraform runs, or pass a sensitive TerraformVariable's value`
    : "pass a sensitive TerraformVariable's value instead";
}

/** Writes the resolved source and version into the provider's `required_providers` entry. */
function requireFrom(provider: TerraformProvider, requirement: { source?: string; version?: string }): void {
  const writable = provider as { -readonly [K in 'terraformProviderSource' | 'terraformGeneratorMetadata']: TerraformProvider[K] };
  if (requirement.source !== undefined) writable.terraformProviderSource = requirement.source;
  if (requirement.version !== undefined) {
    writable.terraformGeneratorMetadata = { providerName: provider.terraformResourceType, providerVersionConstraint: requirement.version };
  }
}

/**
 * provider "elasticpath": source commerce-iac/elasticpath, or the `source`/`version` given here or
 * through the context keys commerce-iac:providerRegistry / commerce-iac:providerVersion.
 */
export class ElasticPathProvider extends ElasticpathProviderBinding {
  constructor(scope: Construct, id: string, props: ElasticPathProviderProps = {}) {
    const requirement = resolveProviderSource(scope, 'ElasticPathProvider', 'elasticpath', props);
    super(scope, id, props);
    requireFrom(this, requirement);
    applyDeclaredChecks(this, { schema: ELASTICPATH_PROVIDER_SCHEMA, source: props, secretAdvice: providerSecretAdvice });
  }
}

/**
 * provider "sendcloud": source commerce-iac/sendcloud, or as given (see ElasticPathProvider). Its
 * `apiVersion` (inherited from the binding) is what SendcloudIntegration checks feedbackType against.
 */
export class SendcloudProvider extends SendcloudProviderBinding {
  constructor(scope: Construct, id: string, props: SendcloudProviderProps = {}) {
    const requirement = resolveProviderSource(scope, 'SendcloudProvider', 'sendcloud', props);
    super(scope, id, props);
    requireFrom(this, requirement);
    applyDeclaredChecks(this, { schema: SENDCLOUD_PROVIDER_SCHEMA, source: props, secretAdvice: providerSecretAdvice });
  }
}
