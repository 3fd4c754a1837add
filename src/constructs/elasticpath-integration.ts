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
import { INTEGRATION_SCHEMA, type IntegrationType, validateIntegrationConfig } from '../../provider/elasticpath/schema';
import { applyDeclaredChecks, sensitiveVariableAdvice } from './declared-checks';
import { ignoredAttributes } from './ignore-changes';
import type { ElasticPathProvider } from './providers';

export interface WebhookConfigurationOptions {
  /** The URL Elastic Path calls with each event (https, or http for local receivers). */
  readonly url: string;
  /**
   * Sent as the X-MOLTIN-SECRET-KEY header so the receiver can authenticate the call.
   * Pass a sensitive TerraformVariable's value rather than a literal.
   * @default - no secret header is sent
   */
  readonly secretKey?: string;
}

export interface AwsSqsConfigurationOptions {
  /** The queue URL, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/orders. */
  readonly url: string;
  /** The access key id of an IAM user allowed to send to the queue. */
  readonly awsAccessKeyId: string;
  /** That user's secret access key. Pass a sensitive TerraformVariable's value rather than a literal. */
  readonly awsSecretAccessKey: string;
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
  /** The broker password. Pass a sensitive TerraformVariable's value rather than a literal. */
  readonly password: string;
}

/**
 * Where an integration delivers its events. Build one with a static factory; the factory
 * decides the integration's type.
 */
export class IntegrationConfiguration {
  /** Events are POSTed to a URL. */
  static webhook(options: WebhookConfigurationOptions): IntegrationConfiguration {
    return new IntegrationConfiguration('webhook', { ...options });
  }

  /** Events are sent to an AWS SQS queue. */
  static awsSqs(options: AwsSqsConfigurationOptions): IntegrationConfiguration {
    return new IntegrationConfiguration('aws_sqs', { ...options });
  }

  /** Events are sent to a STOMP broker (e.g. ActiveMQ, RabbitMQ). */
  static stomp(options: StompConfigurationOptions): IntegrationConfiguration {
    return new IntegrationConfiguration('stomp', { ...options });
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
   * switches the integration on and off in Commerce Manager.
   * @default - every declared prop is compared
   */
  readonly ignoreChanges?: ElasticPathIntegrationIgnorableProp[];
}

/** The props `ignoreChanges` accepts: the ones sent to Elastic Path. */
export type ElasticPathIntegrationIgnorableProp = Exclude<keyof ElasticPathIntegrationProps, 'provider' | 'ignoreChanges'>;

export class ElasticPathIntegration extends Construct {
  /** The integration id (uuid), known after apply. */
  readonly integrationId: string;
  /** When the integration was created, known after apply. */
  readonly createdAt: string;
  /** When the integration was last updated, known after apply. */
  readonly updatedAt: string;

  /** The provider configuration (store) given in props; undefined means the stack's default one. */
  readonly provider?: ElasticPathProvider;
  private readonly resource: Integration;

  constructor(scope: Construct, id: string, props: ElasticPathIntegrationProps) {
    super(scope, id);
    this.provider = props.provider;
    const config = {
      name: props.name,
      description: props.description,
      enabled: props.enabled,
      integrationType: props.configuration.integrationType,
      observes: props.observes,
      configuration: props.configuration.fields,
    };
    const ignoreChanges = ignoredAttributes(INTEGRATION_SCHEMA, props.ignoreChanges, this.node.path);
    this.resource = new Integration(this, 'Resource', {
      ...config,
      provider: props.provider,
      ...(ignoreChanges ? { lifecycle: { ignoreChanges } } : {}),
    });
    applyDeclaredChecks(this, {
      schema: INTEGRATION_SCHEMA,
      source: config,
      checks: () => [validateIntegrationConfig],
      secretAdvice: sensitiveVariableAdvice,
    });
    this.integrationId = this.resource.id;
    this.createdAt = this.resource.createdAt;
    this.updatedAt = this.resource.updatedAt;
  }

  /** Adopts an existing integration (by its uuid) on the next apply, instead of creating one. */
  importFrom(integrationId: string): void {
    this.resource.importFrom(integrationId, this.provider);
  }
}
