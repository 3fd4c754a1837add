/**
 * SendcloudIntegration: the settings of an existing Sendcloud integration, over the generated
 * `sendcloud_integration` binding. Sendcloud has no create endpoint: the integration is
 * adopted by id, then the settings given here are patched; the ones left out are neither
 * sent nor compared.
 */
import { Token, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import type { SendcloudFeedbackType } from '../../api/sendcloud-vocabulary';
import { Integration } from '../../provider/gen/providers/sendcloud/integration';
import { SendcloudProvider as SendcloudProviderBinding } from '../../provider/gen/providers/sendcloud/provider';
import {
  INTEGRATION_SCHEMA,
  PROVIDER_SCHEMA,
  validateForApiVersion,
  validateIntegrationConfig,
} from '../../provider/sendcloud/schema';
import { type ConfigCheck, applyDeclaredChecks, sensitiveVariableAdvice } from './declared-checks';
import { ignoredAttributes } from './ignore-changes';
import type { SendcloudProvider } from './providers';
import { importFrom } from './import-blocks';

export interface SendcloudIntegrationProps {
  /** The id Sendcloud shows for the integration (Settings > Integrations). Changing it adopts another integration. */
  readonly integrationId: number;
  /**
   * The shop's name, 1 to 250 characters.
   * @default - not managed: Sendcloud keeps the current name
   */
  readonly shopName?: string;
  /**
   * The URL of the shop the integration connects to.
   * @default - not managed: Sendcloud keeps the current URL
   */
  readonly shopUrl?: string;
  /**
   * Whether parcels can be delivered to service points; when true, list servicePointCarriers.
   * @default - not managed: Sendcloud keeps the current setting
   */
  readonly servicePointEnabled?: boolean;
  /**
   * Carriers offered in the service point picker, e.g. ["dhl", "ups"].
   * @default - not managed: Sendcloud keeps the current carriers
   */
  readonly servicePointCarriers?: string[];
  /**
   * Whether Sendcloud sends parcel status updates to webhookUrl; when true, set webhookUrl.
   * @default - not managed: Sendcloud keeps the current setting
   */
  readonly webhookActive?: boolean;
  /**
   * Where parcel status updates are sent.
   * @default - not managed: Sendcloud keeps the current URL
   */
  readonly webhookUrl?: string;
  /**
   * When parcels count as sent: "eager" (label created), "delayed" (carrier scan) or "none".
   * Needs the provider's API v3.
   * @default - not managed: Sendcloud keeps the current setting
   */
  readonly feedbackType?: SendcloudFeedbackType;
  /**
   * Delete the integration in Sendcloud on destroy.
   * @default false - destroy only stops managing the integration
   */
  readonly deleteOnDestroy?: boolean;
  /**
   * The provider configuration (account) the integration belongs to.
   * @default - the stack's default sendcloud provider
   */
  readonly provider?: SendcloudProvider;
  /**
   * Props whose remote value Terraform leaves alone (`lifecycle.ignore_changes`): a change made
   * in the Sendcloud panel is neither planned back nor reported as drift, e.g. `['servicePointCarriers']`.
   * @default - every declared prop is compared
   */
  readonly ignoreChanges?: SendcloudIntegrationIgnorableProp[];
}

/** The props `ignoreChanges` accepts: the settings sent to Sendcloud. */
export type SendcloudIntegrationIgnorableProp = Exclude<keyof SendcloudIntegrationProps, 'provider' | 'ignoreChanges' | 'integrationId' | 'deleteOnDestroy'>;

export class SendcloudIntegration extends Construct {
  /** The provider configuration (account) given in props; undefined means the stack's default one. */
  readonly provider?: SendcloudProvider;
  private readonly resource: Integration;

  constructor(scope: Construct, id: string, props: SendcloudIntegrationProps) {
    super(scope, id);
    this.provider = props.provider;
    const { provider, ignoreChanges: ignoredProps, ...config } = props;
    const ignoreChanges = ignoredAttributes(INTEGRATION_SCHEMA, ignoredProps, this.node.path);
    this.resource = new Integration(this, 'Resource', { ...config, provider, ...(ignoreChanges ? { lifecycle: { ignoreChanges } } : {}) });
    applyDeclaredChecks(this, {
      schema: INTEGRATION_SCHEMA,
      source: config,
      checks: () => [validateIntegrationConfig, ...this.apiVersionChecks()],
      mentions: [PROVIDER_SCHEMA],
      secretAdvice: sensitiveVariableAdvice,
    });
  }

  // Attribute references are made when asked for, as in ElasticPathIntegration.

  /** The shop system the integration connects to (e.g. shopify), known after apply. */
  get type(): string {
    return this.resource.type;
  }

  /** When the integration was created, known after apply. */
  get createdAt(): string {
    return this.resource.createdAt;
  }

  /** When the integration was last updated, known after apply. */
  get updatedAt(): string {
    return this.resource.updatedAt;
  }

  /** When Sendcloud last fetched orders from the shop, known after apply. */
  get lastFetchedAt(): string {
    return this.resource.lastFetchedAt;
  }

  /** The integration id as a string (what sendcloud_integrations_exclusive lists), known after apply. */
  get resourceId(): string {
    return this.resource.id;
  }

  /** Adopts the integration with this id into state on the next apply (terraform import). */
  importFrom(integrationId: string): void {
    importFrom(this.resource, integrationId, this.provider);
  }

  /** The provider this integration is planned with: the given one, else the stack's unaliased one. */
  private effectiveProvider(): SendcloudProviderBinding | undefined {
    if (this.provider) return this.provider;
    return TerraformStack.of(this)
      .node.findAll()
      .find((node): node is SendcloudProviderBinding => node instanceof SendcloudProviderBinding && node.alias === undefined);
  }

  private apiVersionChecks(): ConfigCheck[] {
    const apiVersion = this.effectiveProvider()?.apiVersion;
    // Unset means the provider's default (v3); a token is only known at plan time, where the provider checks it.
    if (apiVersion === undefined || Token.isUnresolved(apiVersion)) return [];
    return [(config, diagnostics) => validateForApiVersion(config, apiVersion, diagnostics)];
  }
}
