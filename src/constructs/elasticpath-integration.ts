/**
 * ElasticPathIntegration: one Elastic Path Commerce Cloud integration (events delivered to a
 * webhook, an AWS SQS queue or a STOMP broker), over the generated `elasticpath_integration`
 * binding, checked at synth against the provider's own declaration.
 */
import { Construct } from 'constructs';
import {
  Integration,
  type IntegrationConfiguration as IntegrationConfigurationStruct,
} from '../../provider/gen/providers/elasticpath/integration';
import { INTEGRATION_SCHEMA, type IntegrationType, WRITE_ONLY_SECRETS, validateIntegrationConfig, warnAboutUndocumentedEvents } from '../../provider/elasticpath/schema';
import { applyDeclaredChecks, camelCase, sensitiveVariableAdvice } from './declared-checks';
import { ignoredAttributes } from './ignore-changes';
import type { ElasticPathProvider } from './providers';
import { importFrom } from './import-blocks';

export interface WebhookConfigurationOptions {
  /** The URL Elastic Path calls with each event (https, or http for local receivers). */
  readonly url: string;
  /**
   * Sent as the X-MOLTIN-SECRET-KEY header so the receiver can authenticate the call; kept in
   * Terraform state. With Terraform 1.11 or later prefer `secretKeyWo`.
   * Pass a sensitive TerraformVariable's value rather than a literal.
   * @default - no secret header is sent
   */
  readonly secretKey?: string;
  /**
   * The same secret, write-only (Terraform 1.11 or later): sent to Elastic Path, never kept in
   * plan or state. Pass an EphemeralSecretVariable's value. Conflicts with `secretKey`.
   * @default - the secret is given as `secretKey`, or not at all
   */
  readonly secretKeyWo?: string;
  /**
   * Raise it to send a new `secretKeyWo` (Terraform cannot see a write-only value change).
   * @default 1 when `secretKeyWo` is given
   */
  readonly secretKeyWoVersion?: number;
}

export interface AwsSqsConfigurationOptions {
  /** The queue URL, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/orders. */
  readonly url: string;
  /** The access key id of an IAM user allowed to send to the queue. */
  readonly awsAccessKeyId: string;
  /**
   * That user's secret access key, kept in Terraform state; give it or `awsSecretAccessKeyWo`.
   * Pass a sensitive TerraformVariable's value rather than a literal.
   * @default - none: `awsSecretAccessKeyWo` is required then
   */
  readonly awsSecretAccessKey?: string;
  /**
   * The secret access key, write-only (Terraform 1.11 or later): never kept in plan or state.
   * Pass an EphemeralSecretVariable's value. Conflicts with `awsSecretAccessKey`.
   * @default - none: `awsSecretAccessKey` is required then
   */
  readonly awsSecretAccessKeyWo?: string;
  /**
   * Raise it to send a new `awsSecretAccessKeyWo`.
   * @default 1 when `awsSecretAccessKeyWo` is given
   */
  readonly awsSecretAccessKeyWoVersion?: number;
  /** The queue's region, e.g. eu-west-1. */
  readonly region: string;
}

export interface StompConfigurationOptions {
  /** The broker addresses, e.g. stomp+ssl://broker.example.com:61614. */
  readonly addresses: string[];
  /** The destination, e.g. /queue/orders. */
  readonly destination: string;
  /** The broker user name. */
  readonly username: string;
  /**
   * The broker password, kept in Terraform state; give it or `passwordWo`.
   * Pass a sensitive TerraformVariable's value rather than a literal.
   * @default - none: `passwordWo` is required then
   */
  readonly password?: string;
  /**
   * The broker password, write-only (Terraform 1.11 or later): never kept in plan or state.
   * Pass an EphemeralSecretVariable's value. Conflicts with `password`.
   * @default - none: `password` is required then
   */
  readonly passwordWo?: string;
  /**
   * Raise it to send a new `passwordWo`.
   * @default 1 when `passwordWo` is given
   */
  readonly passwordWoVersion?: number;
}

/** Each write-only secret given without its version number starts at version 1. */
function withWriteOnlyVersions<T extends object>(options: T): IntegrationConfigurationStruct {
  const fields = { ...options } as Record<string, unknown>;
  for (const secret of WRITE_ONLY_SECRETS) {
    const value = camelCase(secret.writeOnly);
    const version = camelCase(secret.version);
    if (fields[value] !== undefined && fields[version] === undefined) fields[version] = 1;
  }
  return fields as IntegrationConfigurationStruct;
}

/**
 * Where an integration delivers its events. Build one with a static factory; the factory
 * decides the integration's type.
 */
export class IntegrationConfiguration {
  /** Events are POSTed to a URL. */
  static webhook(options: WebhookConfigurationOptions): IntegrationConfiguration {
    return new IntegrationConfiguration('webhook', withWriteOnlyVersions(options));
  }

  /** Events are sent to an AWS SQS queue. */
  static awsSqs(options: AwsSqsConfigurationOptions): IntegrationConfiguration {
    return new IntegrationConfiguration('aws_sqs', withWriteOnlyVersions(options));
  }

  /** Events are sent to a STOMP broker (e.g. ActiveMQ, RabbitMQ). */
  static stomp(options: StompConfigurationOptions): IntegrationConfiguration {
    return new IntegrationConfiguration('stomp', withWriteOnlyVersions(options));
  }

  private constructor(
    /** The integration_type this configuration belongs to: webhook, aws_sqs or stomp. */
    readonly integrationType: IntegrationType,
    /** The `configuration` attribute, in the binding's terms. */
    readonly fields: IntegrationConfigurationStruct,
  ) {}
}

export interface ElasticPathIntegrationProps {
  /** The name of the integration, as shown in Commerce Manager. */
  readonly name: string;
  /**
   * What the integration is for.
   * @default - none on create; on an adopted integration, the description in Elastic Path is kept
   */
  readonly description?: string;
  /**
   * Whether events are delivered.
   * @default true
   */
  readonly enabled?: boolean;
  /** The events to observe (e.g. order.paid, customer.created), at most 5. Order does not matter. */
  readonly observes: string[];
  /** Where events go: IntegrationConfiguration.webhook(...), .awsSqs(...) or .stomp(...). */
  readonly configuration: IntegrationConfiguration;
  /**
   * The provider configuration (store) the integration belongs to.
   * @default - the stack's default elasticpath provider
   */
  readonly provider?: ElasticPathProvider;
  /**
   * Props whose remote value Terraform leaves alone (`lifecycle.ignore_changes`): a change made
   * out of band is neither planned back nor reported as drift, e.g. `['enabled']` when the team
   * switches the integration on and off in Commerce Manager. Each prop stands for the attributes
   * it sets: `configuration` for `configuration` and `integration_type` (the factory decides the
   * type), every other prop for its namesake (`enabled` for `enabled`).
   * @default - every declared prop is compared
   */
  readonly ignoreChanges?: ElasticPathIntegrationIgnorableProp[];
}

/** The props `ignoreChanges` accepts: the ones sent to Elastic Path. */
export type ElasticPathIntegrationIgnorableProp = Exclude<keyof ElasticPathIntegrationProps, 'provider' | 'ignoreChanges'>;

export class ElasticPathIntegration extends Construct {
  /** The provider configuration (store) given in props; undefined means the stack's default one. */
  readonly provider?: ElasticPathProvider;
  private readonly resource: Integration;

  constructor(scope: Construct, id: string, props: ElasticPathIntegrationProps) {
    super(scope, id);
    this.provider = props.provider;
    // What each prop sets, in the binding's terms: `configuration` carries the integration type.
    const setByProp = {
      name: { name: props.name },
      description: { description: props.description },
      enabled: { enabled: props.enabled },
      observes: { observes: props.observes },
      configuration: { integrationType: props.configuration.integrationType, configuration: props.configuration.fields },
    } satisfies Record<ElasticPathIntegrationIgnorableProp, object>;
    const config = { ...setByProp.name, ...setByProp.description, ...setByProp.enabled, ...setByProp.observes, ...setByProp.configuration };
    const ignoreChanges = ignoredAttributes(INTEGRATION_SCHEMA, props.ignoreChanges, this.node.path, setByProp);
    this.resource = new Integration(this, 'Resource', {
      ...config,
      provider: props.provider,
      ...(ignoreChanges ? { lifecycle: { ignoreChanges } } : {}),
    });
    applyDeclaredChecks(this, {
      schema: INTEGRATION_SCHEMA,
      source: config,
      checks: () => [validateIntegrationConfig, warnAboutUndocumentedEvents],
      secretAdvice: sensitiveVariableAdvice,
    });
  }

  // The attribute references are made when asked for: each is a token that records a stack trace,
  // which adds up at synth in an app of thousands of integrations.

  /** The integration id (uuid), known after apply. */
  get integrationId(): string {
    return this.resource.id;
  }

  /** When the integration was created, known after apply. */
  get createdAt(): string {
    return this.resource.createdAt;
  }

  /** When the integration was last updated, known after apply. */
  get updatedAt(): string {
    return this.resource.updatedAt;
  }

  /** Adopts an existing integration (by its uuid) on the next apply, instead of creating one. */
  importFrom(integrationId: string): void {
    importFrom(this.resource, integrationId, this.provider);
  }
}
