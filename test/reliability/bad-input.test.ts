/**
 * Reliability 4: a corpus of invalid configurations, each sent through both doors a user
 * has: the constructs (synthesis with validations throws, naming the prop and the fix) and
 * raw Terraform JSON configuration (plan or apply fails, naming the attribute and the fix).
 * Whatever can be caught before the API is: the emulators log zero requests for it.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import {
  ElasticPathIntegration,
  ElasticPathProvider,
  IntegrationConfiguration,
  SendcloudIntegration,
  SendcloudProvider,
} from '../../src/constructs';
import { camelCase } from '../../src/constructs/declared-checks';
import {
  startElasticPathEmulator,
  startSendcloudEmulator,
  type RunningElasticPathEmulator,
  type ElasticPathAdmin,
  type RunningSendcloudEmulator,
  type SendcloudAdmin,
} from '../../src/emulators';
import { requiredProviders, type TerraformWorkspace } from '../helpers/workspace';
import { TF_FLAGS, newWorkspace, providerBlocks, recordFigures } from './support/harness';

type Body = Record<string, unknown>;

interface BadInput {
  name: string;
  /** `plan`: must be refused before any API call. `apply`: only the API (or the network) can tell. */
  caughtAt: 'plan' | 'apply';
  elasticpath?: Body;
  sendcloud?: Body;
  /** Provider block settings laid over the working ones; a value of null removes the setting. */
  provider?: { elasticpath?: Body; sendcloud?: Body };
  /** The attribute path terraform's output (and, camelCased, the construct's message) must name. */
  attribute: string;
  /** The fix the message must give. */
  fix: RegExp;
  /**
   * Whether the same mistake can be made through the constructs and caught at synth. False for
   * mistakes the TypeScript API cannot express (wrong value types, an unknown integration type)
   * and for what only Terraform's run can know (credentials, reachability, remote ids).
   */
  synth: boolean;
  /** Set when the case documents a known gap: the test fails until the provider is fixed. */
  knownGap?: string;
}

const WEBHOOK: Body = { name: 'case', integration_type: 'webhook', observes: ['order.paid'], configuration: { url: 'https://hooks.example.com/case' } };
const SQS_CONFIGURATION: Body = {
  url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/case',
  aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE',
  aws_secret_access_key: 'bad-input-sqs-secret',
  region: 'eu-west-1',
};
const STOMP_CONFIGURATION: Body = {
  addresses: ['stomp+ssl://broker.example.com:61614'],
  destination: '/queue/case',
  username: 'publisher',
  password: 'bad-input-stomp-password',
};

function without(object: Body, key: string): Body {
  const copy = { ...object };
  delete copy[key];
  return copy;
}

const sqs = (configuration: Body): Body => ({ ...WEBHOOK, integration_type: 'aws_sqs', configuration });
const stomp = (configuration: Body): Body => ({ ...WEBHOOK, integration_type: 'stomp', configuration });
const webhook = (configuration: Body): Body => ({ ...WEBHOOK, configuration });
const SET_IT = /set it/;

const CASES: BadInput[] = [
  // Elastic Path: fields each integration type requires.
  { name: 'webhook without url', caughtAt: 'plan', elasticpath: webhook({}), attribute: 'configuration.url', fix: SET_IT, synth: true },
  ...['url', 'aws_access_key_id', 'aws_secret_access_key', 'region'].map(
    (field): BadInput => ({ name: `aws_sqs without ${field}`, caughtAt: 'plan', elasticpath: sqs(without(SQS_CONFIGURATION, field)), attribute: `configuration.${field}`, fix: SET_IT, synth: true }),
  ),
  ...['addresses', 'destination', 'username', 'password'].map(
    (field): BadInput => ({ name: `stomp without ${field}`, caughtAt: 'plan', elasticpath: stomp(without(STOMP_CONFIGURATION, field)), attribute: `configuration.${field}`, fix: SET_IT, synth: true }),
  ),
  { name: 'stomp with an empty destination', caughtAt: 'plan', elasticpath: stomp({ ...STOMP_CONFIGURATION, destination: '' }), attribute: 'configuration.destination', fix: /must not be empty: give a value/, synth: true },
  { name: 'a configuration field the type does not use', caughtAt: 'plan', elasticpath: webhook({ url: 'https://hooks.example.com/case', region: 'eu-west-1' }), attribute: 'configuration.region', fix: /remove it, or change integration/, synth: true },
  // Elastic Path: events.
  {
    name: '6 events',
    caughtAt: 'plan',
    elasticpath: { ...WEBHOOK, observes: ['order.paid', 'order.created', 'order.updated', 'order.fulfilled', 'order.cancelled', 'order.refunded'] },
    attribute: 'observes',
    fix: /at most 5 per integration: split them across several integrations/,
    synth: true,
  },
  { name: 'an event name with spaces', caughtAt: 'plan', elasticpath: { ...WEBHOOK, observes: ['Order Paid'] }, attribute: 'observes', fix: /events are <entity>\.<action>/, synth: true },
  { name: 'an event without an action', caughtAt: 'plan', elasticpath: { ...WEBHOOK, observes: ['orderpaid'] }, attribute: 'observes', fix: /events are <entity>\.<action>/, synth: true },
  // Elastic Path: URLs and names.
  { name: 'a webhook URL without a scheme', caughtAt: 'plan', elasticpath: webhook({ url: 'hooks.example.com/case' }), attribute: 'configuration.url', fix: /give an absolute URL/, synth: true },
  { name: 'a webhook URL with the ftp scheme', caughtAt: 'plan', elasticpath: webhook({ url: 'ftp://hooks.example.com/case' }), attribute: 'configuration.url', fix: /use https or http/, synth: true },
  { name: 'an SQS URL without a host', caughtAt: 'plan', elasticpath: sqs({ ...SQS_CONFIGURATION, url: 'https://' }), attribute: 'configuration.url', fix: /give an absolute URL/, synth: true },
  { name: 'a STOMP address with the https scheme', caughtAt: 'plan', elasticpath: stomp({ ...STOMP_CONFIGURATION, addresses: ['https://broker.example.com'] }), attribute: 'configuration.addresses', fix: /use stomp or stomp\+ssl/, synth: true },
  { name: 'an empty name', caughtAt: 'plan', elasticpath: { ...WEBHOOK, name: '' }, attribute: 'name', fix: /must not be empty: give a value/, synth: true },
  { name: 'no name at all', caughtAt: 'plan', elasticpath: without(WEBHOOK, 'name'), attribute: 'name', fix: /required/, synth: true },
  { name: 'no events at all', caughtAt: 'plan', elasticpath: without(WEBHOOK, 'observes'), attribute: 'observes', fix: /required/, synth: true },
  { name: 'an unknown integration type', caughtAt: 'plan', elasticpath: { ...WEBHOOK, integration_type: 'email' }, attribute: 'integration_type', fix: /use one of webhook, aws_sqs, stomp/, synth: false },
  // Wrong value types (only raw configuration can hold them).
  { name: 'observes given as a string', caughtAt: 'plan', elasticpath: { ...WEBHOOK, observes: { not: 'a set' } }, attribute: 'observes', fix: /set of string required/, synth: false },
  { name: 'enabled given as a word', caughtAt: 'plan', elasticpath: { ...WEBHOOK, enabled: 'yes please' }, attribute: 'enabled', fix: /a bool is required/, synth: false },
  { name: 'integration_id given as a word', caughtAt: 'plan', sendcloud: { integration_id: 'shop one' }, attribute: 'integration_id', fix: /a number is required/, synth: false },
  // Sendcloud settings.
  { name: 'a 251-character shop name', caughtAt: 'plan', sendcloud: { integration_id: 1001, shop_name: 'x'.repeat(251) }, attribute: 'shop_name', fix: /is 251 characters long: shorten it to at most 250/, synth: true },
  { name: 'an empty shop name', caughtAt: 'plan', sendcloud: { integration_id: 1001, shop_name: '' }, attribute: 'shop_name', fix: /must not be empty: give a value/, synth: true },
  { name: 'webhook active without a URL', caughtAt: 'plan', sendcloud: { integration_id: 1001, webhook_active: true }, attribute: 'webhook_url', fix: /set it, or set webhook.?active to false/i, synth: true },
  { name: 'service points without carriers', caughtAt: 'plan', sendcloud: { integration_id: 1001, service_point_enabled: true }, attribute: 'service_point_carriers', fix: /at least one carrier/, synth: true },
  { name: 'service points with an empty carrier list', caughtAt: 'plan', sendcloud: { integration_id: 1001, service_point_enabled: true, service_point_carriers: [] }, attribute: 'service_point_carriers', fix: /at least one carrier/, synth: true },
  {
    name: 'feedback_type under API v2',
    caughtAt: 'plan',
    sendcloud: { integration_id: 1001, feedback_type: 'eager' },
    provider: { sendcloud: { api_version: 'v2' } },
    attribute: 'feedback_type',
    fix: /remove feedback.?type, or set the provider's api.?version to "v3"/i,
    synth: true,
  },
  { name: 'an unknown feedback type', caughtAt: 'plan', sendcloud: { integration_id: 1001, feedback_type: 'sometimes' }, attribute: 'feedback_type', fix: /use one of eager, delayed, none/, synth: true },
  { name: 'a shop URL without a scheme', caughtAt: 'plan', sendcloud: { integration_id: 1001, shop_url: 'shop.example.com' }, attribute: 'shop_url', fix: /give an absolute URL/, synth: true },
  { name: 'a Sendcloud webhook URL with the ftp scheme', caughtAt: 'plan', sendcloud: { integration_id: 1001, webhook_active: true, webhook_url: 'ftp://hooks.example.com/p' }, attribute: 'webhook_url', fix: /use https or http/, synth: true },
  { name: 'integration id 0', caughtAt: 'plan', sendcloud: { integration_id: 0 }, attribute: 'integration_id', fix: /give the positive whole number/, synth: true },
  { name: 'a fractional integration id', caughtAt: 'plan', sendcloud: { integration_id: 1001.5 }, attribute: 'integration_id', fix: /give the positive whole number/, synth: true },
  // Provider blocks.
  { name: 'an unknown Elastic Path region', caughtAt: 'plan', elasticpath: WEBHOOK, provider: { elasticpath: { api_base_url: null, region: 'mars' } }, attribute: 'region', fix: /use one of useast, euwest/, synth: true },
  { name: 'an Elastic Path base URL that is not a URL', caughtAt: 'plan', elasticpath: WEBHOOK, provider: { elasticpath: { api_base_url: 'not a url' } }, attribute: 'api_base_url', fix: /give an absolute URL/, synth: true },
  { name: 'an unknown Sendcloud API version', caughtAt: 'plan', sendcloud: { integration_id: 1001 }, provider: { sendcloud: { api_version: 'v4' } }, attribute: 'api_version', fix: /use one of v3, v2/, synth: true },
  { name: 'an unknown v2 update method', caughtAt: 'plan', sendcloud: { integration_id: 1001 }, provider: { sendcloud: { v2_update_method: 'post' } }, attribute: 'v2_update_method', fix: /use one of patch, put/, synth: true },
  { name: 'no Elastic Path client id anywhere', caughtAt: 'plan', elasticpath: WEBHOOK, provider: { elasticpath: { client_id: null } }, attribute: 'client_id', fix: /set client_id in the provider block or the environment variable ELASTICPATH_CLIENT_ID/, synth: false },
  { name: 'no Sendcloud credentials anywhere', caughtAt: 'plan', sendcloud: { integration_id: 1001 }, provider: { sendcloud: { public_key: null, secret_key: null } }, attribute: 'public_key', fix: /Set public_key and secret_key/, synth: false },
  // Only the API or the network can tell.
  { name: 'an unknown Sendcloud integration id', caughtAt: 'apply', sendcloud: { integration_id: 999999 }, attribute: 'integration_id', fix: /does not exist in this account[\s\S]*connect the shop in the Sendcloud panel first/, synth: false },
  { name: 'a wrong Elastic Path client secret', caughtAt: 'apply', elasticpath: WEBHOOK, provider: { elasticpath: { client_secret: 'not-the-secret' } }, attribute: 'client_secret', fix: /check the Elastic Path client_id and\s+client_secret/, synth: false },
  { name: 'a wrong Sendcloud secret key', caughtAt: 'apply', sendcloud: { integration_id: 1001 }, provider: { sendcloud: { secret_key: 'not-the-secret' } }, attribute: 'secret_key', fix: /public_key[\s\S]*secret_key/, synth: false },
  {
    name: 'an unreachable Elastic Path base URL',
    caughtAt: 'apply',
    elasticpath: WEBHOOK,
    provider: { elasticpath: { api_base_url: 'CLOSED_PORT_URL' } },
    attribute: 'api_base_url',
    fix: /ECONNREFUSED[\s\S]*api_base_url/,
    synth: false,
  },
  {
    name: 'an unreachable Sendcloud base URL',
    caughtAt: 'apply',
    sendcloud: { integration_id: 1001 },
    provider: { sendcloud: { api_base_url: 'CLOSED_PORT_URL' } },
    attribute: 'api_base_url',
    fix: /ECONNREFUSED[\s\S]*api_base_url/,
    synth: false,
  },
];

let ep: RunningElasticPathEmulator;
let sc: RunningSendcloudEmulator;
let epAdmin: ElasticPathAdmin;
let scAdmin: SendcloudAdmin;
let workspace: TerraformWorkspace;
let closedPortUrl: string;
const figures = { cases: 0, requestsBeforeApi: 0, timeMs: 0 };

/** A 127.0.0.1 port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  ep = await startElasticPathEmulator();
  sc = await startSendcloudEmulator();
  epAdmin = ep.admin;
  scAdmin = sc.admin;
  closedPortUrl = `http://127.0.0.1:${await closedPort()}`;
  // Credentials come only from the provider blocks, never from the test runner's environment.
  workspace = await newWorkspace({
    ELASTICPATH_CLIENT_ID: '',
    ELASTICPATH_CLIENT_SECRET: '',
    ELASTICPATH_API_BASE_URL: '',
    SENDCLOUD_PUBLIC_KEY: '',
    SENDCLOUD_SECRET_KEY: '',
    SENDCLOUD_OAUTH_CLIENT_ID: '',
    SENDCLOUD_OAUTH_CLIENT_SECRET: '',
  });
  workspace.writeConfig(configFor(CASES[0]));
  await workspace.init();
});

afterAll(async () => {
  await Promise.all([ep?.close(), sc?.close()]);
  workspace?.cleanup();
  recordFigures({
    scenario: `bad input: ${figures.cases} raw-configuration cases through terraform`,
    requests: figures.requestsBeforeApi,
    faultsInjected: 0,
    duplicates: 0,
    timeMs: figures.timeMs,
    notes: 'requests = API calls logged for the cases caught before the API',
  });
});

function providerSettings(base: object, overrides: Body | undefined): Body {
  const merged: Body = { ...(base as Body) };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === null) delete merged[key];
    else merged[key] = value === 'CLOSED_PORT_URL' ? closedPortUrl : value;
  }
  return merged;
}

/** Only the providers a case uses are configured, so terraform launches no other. */
function configFor(testCase: BadInput): object {
  const working = providerBlocks({ elasticpath: ep.url, sendcloud: sc.url }) as { elasticpath: object; sendcloud: object };
  const provider: Body = {};
  const resource: Body = {};
  if (testCase.elasticpath) {
    provider.elasticpath = providerSettings(working.elasticpath, testCase.provider?.elasticpath);
    resource.elasticpath_integration = { case: testCase.elasticpath };
  }
  if (testCase.sendcloud) {
    provider.sendcloud = providerSettings(working.sendcloud, testCase.provider?.sendcloud);
    resource.sendcloud_integration = { case: testCase.sendcloud };
  }
  return { terraform: requiredProviders(), provider, resource };
}

function camelPath(attribute: string): string {
  return attribute.split('.').map(camelCase).join('.');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function camelKeys(object: Body): Body {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [camelCase(key), value]));
}

const CONFIGURATION_FACTORIES: Record<string, (options: never) => IntegrationConfiguration> = {
  webhook: IntegrationConfiguration.webhook,
  aws_sqs: IntegrationConfiguration.awsSqs,
  stomp: IntegrationConfiguration.stomp,
};

/** The same mistake made through the constructs (casts stand in for JavaScript callers where TypeScript would object). */
function stackFor(testCase: BadInput): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new ElasticPathProvider(stack, 'elasticpath', camelKeys(providerSettings({}, testCase.provider?.elasticpath)));
  new SendcloudProvider(stack, 'sendcloud', camelKeys(providerSettings({}, testCase.provider?.sendcloud)));
  if (testCase.elasticpath) {
    const body = testCase.elasticpath;
    const factory = CONFIGURATION_FACTORIES[String(body.integration_type)];
    new ElasticPathIntegration(stack, 'case', {
      name: body.name as string,
      observes: body.observes as string[],
      ...(body.enabled !== undefined ? { enabled: body.enabled as boolean } : {}),
      configuration: factory(camelKeys(body.configuration as Body) as never),
    });
  }
  if (testCase.sendcloud) {
    new SendcloudIntegration(stack, 'case', camelKeys(testCase.sendcloud) as never);
  }
  return stack;
}

test('the corpus holds at least 30 invalid configurations', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(30);
  expect(new Set(CASES.map((testCase) => testCase.name)).size).toBe(CASES.length);
});

describe('through the constructs, synthesis throws naming the prop and the fix', () => {
  test.each(CASES.filter((testCase) => testCase.synth).map((testCase) => [testCase.name, testCase] as const))('fails when %s', (_, testCase) => {
    const stack = stackFor(testCase);
    let message = '';
    try {
      Testing.synth(stack, true);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toBe('');
    const where = testCase.attribute === 'region' || testCase.attribute.startsWith('api_') || testCase.attribute.startsWith('v2_') ? 'stack/elasticpath|stack/sendcloud' : 'stack/case';
    expect(message).toMatch(new RegExp(`${escape(camelPath(testCase.attribute))} of (${where})`));
    expect(message).toMatch(testCase.fix);
  });
});

describe('through raw Terraform configuration, terraform fails naming the attribute and the fix', () => {
  const title = (testCase: BadInput) => `${testCase.knownGap ? `KNOWN GAP (${testCase.knownGap}): ` : ''}at ${testCase.caughtAt}: fails when ${testCase.name}`;
  test.each(CASES.map((testCase) => [title(testCase), testCase] as const))('%s', async (_, testCase) => {
    const { caughtAt } = testCase;
    await Promise.all([epAdmin.reset(), scAdmin.reset()]);
    fs.rmSync(path.join(workspace.dir, 'terraform.tfstate'), { force: true });
    workspace.writeConfig(configFor(testCase));
    const started = Date.now();
    const run =
      caughtAt === 'plan'
        ? await workspace.attempt(['plan', ...TF_FLAGS])
        : await workspace.attempt(['apply', ...TF_FLAGS, '-auto-approve']);
    figures.timeMs += Date.now() - started;
    figures.cases += 1;
    // Terraform wraps diagnostics at 80 columns.
    const output = (run.stdout + run.stderr).replace(/\s+/g, ' ');
    const requests = [...(await epAdmin.requests()), ...(await scAdmin.requests())];

    expect(run.code).toBe(1);
    expect(output).toMatch(/Error: /);
    expect(output).toMatch(new RegExp(escape(testCase.attribute).replace(/\\\./g, '[. "]+')));
    expect(output).toMatch(testCase.fix);
    expect(output).not.toMatch(/panic|TypeError|ReferenceError|Outcome Unknown/);
    if (caughtAt === 'plan') {
      figures.requestsBeforeApi += requests.length;
      expect(requests.map((entry) => `${entry.method} ${entry.path}`)).toEqual([]);
    }
  });
});
