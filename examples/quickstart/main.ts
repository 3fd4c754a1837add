/**
 * The quick-start stack: three Elastic Path integrations (webhook, AWS SQS, STOMP) and one
 * adopted Sendcloud integration, with provider credentials from the environment and the
 * integrations' secrets from sensitive Terraform variables. It declares exclusive management
 * of the store and the Sendcloud account (report only): any integration the code does not
 * declare shows up in the plan's warnings and in `cdktf-integrations drift`.
 *
 *   cd examples/quickstart && npx cdktf synth      (cdktf.json runs this file through scripts/run-ts.js)
 *
 * The example values below (hosts, keys, passwords) are placeholders; `npm run demo` points
 * the providers at the built-in emulators. Set the TF_VAR_* variables for real secrets.
 */
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
// Inside this repository the library is imported by path; an app of your own imports
// the same names from the package: `from 'cdktf-commerce-integrations'`.
import {
  ElasticPathIntegration,
  ElasticPathIntegrationsExclusive,
  ElasticPathProvider,
  IntegrationConfiguration,
  SendcloudIntegration,
  SendcloudIntegrationsExclusive,
  SendcloudProvider,
} from '../../src';

/** The Sendcloud integration the emulator seeds; with the real API, the id shown in the Sendcloud panel. */
export const QUICKSTART_SENDCLOUD_INTEGRATION_ID = 1001;

export class QuickstartStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    // Credentials come from ELASTICPATH_* and SENDCLOUD_* environment variables when Terraform runs.
    new ElasticPathProvider(this, 'elasticpath');
    new SendcloudProvider(this, 'sendcloud');

    const secret = (name: string, exampleValue: string, description: string) =>
      new TerraformVariable(this, name, { type: 'string', sensitive: true, default: exampleValue, description }).stringValue;

    const orders = new ElasticPathIntegration(this, 'order-webhook', {
      name: 'Order webhook',
      description: 'Tells the fulfilment service about paid and cancelled orders.',
      observes: ['order.paid', 'order.cancelled'],
      configuration: IntegrationConfiguration.webhook({
        url: 'https://hooks.example.com/elasticpath/orders',
        secretKey: secret('order_webhook_secret', 'example-only-webhook-secret', 'Sent as X-MOLTIN-SECRET-KEY with each call.'),
      }),
    });

    const queue = new ElasticPathIntegration(this, 'order-queue', {
      name: 'Order queue',
      description: 'Feeds the order events queue of the data warehouse.',
      observes: ['order.created', 'order.updated', 'order.fulfilled'],
      configuration: IntegrationConfiguration.awsSqs({
        url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/example-orders',
        awsAccessKeyId: secret('sqs_access_key_id', 'example-only-aws-access-key-id', 'Access key id of the queue writer.'),
        awsSecretAccessKey: secret('sqs_secret_access_key', 'example-only-aws-secret-access-key', 'Secret access key of the queue writer.'),
        region: 'eu-west-1',
      }),
    });

    const broker = new ElasticPathIntegration(this, 'customer-broker', {
      name: 'Customer broker',
      observes: ['customer.created', 'customer.updated'],
      enabled: false,
      configuration: IntegrationConfiguration.stomp({
        addresses: ['stomp+ssl://broker.example.com:61614'],
        destination: '/queue/customers',
        username: 'example-publisher',
        password: secret('stomp_password', 'example-only-stomp-password', 'Password of the STOMP broker user.'),
      }),
    });

    const shop = new SendcloudIntegration(this, 'shop', {
      integrationId: QUICKSTART_SENDCLOUD_INTEGRATION_ID,
      shopName: 'Example Shop',
      shopUrl: 'https://shop.example.com',
      servicePointEnabled: true,
      servicePointCarriers: ['dhl', 'ups'],
      webhookActive: true,
      webhookUrl: 'https://hooks.example.com/sendcloud/parcels',
      feedbackType: 'eager',
    });

    // This stack owns every integration of the store it declares above; the rest are reported.
    // Integrations another repository manages are named in ignoreNames. Set prune: true to
    // have apply delete the undeclared ones (the plan lists each one first).
    new ElasticPathIntegrationsExclusive(this, 'store-integrations', {
      ignoreNames: ['Platform team *'],
      prune: false,
    });
    // Sendcloud is report only (removing an integration would disconnect a shop). The other
    // shops of the account are run by other teams (in the emulator: its three other seeded shops).
    new SendcloudIntegrationsExclusive(this, 'shop-integrations', {
      ignoreNames: ['Emulator Shopify Store', 'Emulator WooCommerce', 'Emulator Prestashop'],
    });

    new TerraformOutput(this, 'order_webhook_id', { value: orders.integrationId });
    new TerraformOutput(this, 'order_queue_id', { value: queue.integrationId });
    new TerraformOutput(this, 'customer_broker_id', { value: broker.integrationId });
    new TerraformOutput(this, 'shop_type', { value: shop.type });
  }
}

/** Adds the quick-start stack to an app (tests synthesize it in-process through this). */
export function buildQuickstart(app: App): QuickstartStack {
  return new QuickstartStack(app, 'quickstart');
}

if (require.main === module) {
  const app = new App();
  buildQuickstart(app);
  app.synth();
}
