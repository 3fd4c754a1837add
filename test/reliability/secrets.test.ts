/**
 * Reliability 5: every secret supplied the recommended way (sensitive Terraform variables set
 * through TF_VAR_*, provider secrets through ELASTICPATH_CLIENT_SECRET / SENDCLOUD_SECRET_KEY)
 * stays out of everything a user or a CI log sees: the synthesized cdktf.out, terraform's
 * plan and apply output, TF_LOG=trace logs (terraform's and the providers'), drift reports
 * in text and JSON, and error messages. The test greps for the actual values.
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectDrift } from '../../src/drift/detect';
import { formatJson, formatText } from '../../src/drift/report';
import {
  EMULATOR_CREDENTIALS,
  startElasticPathEmulator,
  startSendcloudEmulator,
  type RunningElasticPathEmulator,
  type RunningSendcloudEmulator,
} from '../../src/emulators';
import { type TerraformRun, terraform } from '../../src/drift/terraform';
import { REPO_ROOT } from '../helpers/workspace';
import { TF_FLAGS, newWorkspace, prepareProviders, recordFigures, terraformConfig } from './support/harness';

const token = () => randomBytes(9).toString('hex');

/** Distinctive values, so a match can only be a leak. */
const SECRETS = {
  webhookSecretKey: `whsec-${token()}`,
  awsAccessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
  awsSecretAccessKey: `awssecret-${token()}`,
  stompPassword: `stomppass-${token()}`,
  elasticPathClientSecret: `epsecret-${token()}`,
  sendcloudSecretKey: `scsecret-${token()}`,
  /** Set remotely behind Terraform's back, then reported as drift. */
  rotatedWebhookSecretKey: `whrotated-${token()}`,
  /** Wrong credentials for the failing apply: still secrets. */
  wrongElasticPathClientSecret: `epwrong-${token()}`,
  wrongSendcloudSecretKey: `scwrong-${token()}`,
};

const PUBLIC_KEY = EMULATOR_CREDENTIALS.sendcloud.publicKey;

/** Every secret value, plus the forms it travels in (an HTTP Basic header). */
function forbiddenStrings(): Record<string, string> {
  return {
    ...SECRETS,
    sendcloudBasicHeader: Buffer.from(`${PUBLIC_KEY}:${SECRETS.sendcloudSecretKey}`).toString('base64'),
    wrongSendcloudBasicHeader: Buffer.from(`${PUBLIC_KEY}:${SECRETS.wrongSendcloudSecretKey}`).toString('base64'),
  };
}

/** Names of the secrets found in `text`; Elastic Path access tokens (40 hex digits after Bearer) count too. */
function leaks(text: string): string[] {
  const found = Object.entries(forbiddenStrings())
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
  if (/Bearer\s+[0-9a-f]{40}/.test(text)) found.push('an Elastic Path access token');
  return found;
}

let ep: RunningElasticPathEmulator;
let sc: RunningSendcloudEmulator;
let appDir: string;
let stackDir: string;
let stackEnv: NodeJS.ProcessEnv;
let logDir: string;
const scanned: string[] = [];
let started = 0;

const APP_SOURCE = (urls: { elasticpath: string; sendcloud: string }) => `
import { App, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import {
  ElasticPathIntegration,
  ElasticPathProvider,
  IntegrationConfiguration,
  SendcloudIntegration,
  SendcloudProvider,
} from ${JSON.stringify(path.join(REPO_ROOT, 'src'))};

class SecretsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Client secret and secret key come from ELASTICPATH_CLIENT_SECRET and SENDCLOUD_SECRET_KEY.
    new ElasticPathProvider(this, 'elasticpath', { apiBaseUrl: ${JSON.stringify(urls.elasticpath)}, clientId: ${JSON.stringify(EMULATOR_CREDENTIALS.elasticpath.clientId)} });
    new SendcloudProvider(this, 'sendcloud', { apiBaseUrl: ${JSON.stringify(urls.sendcloud)}, publicKey: ${JSON.stringify(PUBLIC_KEY)} });
    const secret = (name: string) => new TerraformVariable(this, name, { type: 'string', sensitive: true }).stringValue;

    new ElasticPathIntegration(this, 'orders-webhook', {
      name: 'Orders webhook',
      observes: ['order.paid'],
      configuration: IntegrationConfiguration.webhook({ url: 'https://hooks.example.com/orders', secretKey: secret('webhook_secret_key') }),
    });
    new ElasticPathIntegration(this, 'orders-queue', {
      name: 'Orders queue',
      observes: ['order.created'],
      configuration: IntegrationConfiguration.awsSqs({
        url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders',
        awsAccessKeyId: secret('aws_access_key_id'),
        awsSecretAccessKey: secret('aws_secret_access_key'),
        region: 'eu-west-1',
      }),
    });
    new ElasticPathIntegration(this, 'customers-broker', {
      name: 'Customers broker',
      observes: ['customer.created'],
      configuration: IntegrationConfiguration.stomp({
        addresses: ['stomp+ssl://broker.example.com:61614'],
        destination: '/queue/customers',
        username: 'publisher',
        password: secret('stomp_password'),
      }),
    });
    new SendcloudIntegration(this, 'shop', { integrationId: 1001, shopName: 'Secret-safe shop', webhookActive: true, webhookUrl: 'https://hooks.example.com/parcels' });
  }
}

const app = new App();
new SecretsStack(app, 'secrets');
app.synth();
`;

/** What terraform and the app get: secrets only through the environment. */
function secretEnvironment(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    TF_VAR_webhook_secret_key: SECRETS.webhookSecretKey,
    TF_VAR_aws_access_key_id: SECRETS.awsAccessKeyId,
    TF_VAR_aws_secret_access_key: SECRETS.awsSecretAccessKey,
    TF_VAR_stomp_password: SECRETS.stompPassword,
    ELASTICPATH_CLIENT_SECRET: SECRETS.elasticPathClientSecret,
    SENDCLOUD_SECRET_KEY: SECRETS.sendcloudSecretKey,
    ...overrides,
  };
}

function scan(where: string, text: string): string[] {
  scanned.push(where);
  return leaks(text);
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

beforeAll(async () => {
  started = Date.now();
  ep = await startElasticPathEmulator({ clientSecret: SECRETS.elasticPathClientSecret });
  sc = await startSendcloudEmulator({ secretKey: SECRETS.sendcloudSecretKey });
  appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-reliability-secrets-app-'));
  logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-reliability-secrets-logs-'));
  fs.writeFileSync(path.join(appDir, 'main.ts'), APP_SOURCE({ elasticpath: ep.url, sendcloud: sc.url }));
  fs.writeFileSync(
    path.join(appDir, 'cdktf.json'),
    JSON.stringify({ language: 'typescript', app: `node ${path.join(REPO_ROOT, 'scripts', 'run-ts.js')} main.ts`, terraformProviders: [], context: {} }),
  );
  await synthesize();
  stackDir = path.join(appDir, 'cdktf.out', 'stacks', 'secrets');
  const { cliConfigFile } = await prepareProviders();
  stackEnv = { TF_CLI_CONFIG_FILE: cliConfigFile, TF_PLUGIN_CACHE_DIR: '', ...secretEnvironment() };
}, 120_000);

afterAll(async () => {
  await Promise.all([ep?.close(), sc?.close()]);
  fs.rmSync(appDir, { recursive: true, force: true });
  fs.rmSync(logDir, { recursive: true, force: true });
  recordFigures({
    scenario: `secrets: ${Object.keys(forbiddenStrings()).length} values grepped in ${scanned.length} outputs`,
    requests: 0,
    faultsInjected: 0,
    duplicates: 0,
    timeMs: Date.now() - started,
    notes: scanned.join(', '),
  });
});

/** Runs the app's command as `cdktf synth` would, with the secrets in the environment it inherits. */
async function synthesize(): Promise<void> {
  const { app } = JSON.parse(fs.readFileSync(path.join(appDir, 'cdktf.json'), 'utf8')) as { app: string };
  await new Promise<void>((resolve, reject) => {
    const child = spawn(app, {
      cwd: appDir,
      shell: true,
      env: { ...process.env, ...secretEnvironment(), NODE_PATH: path.join(REPO_ROOT, 'node_modules'), CDKTF_OUTDIR: path.join(appDir, 'cdktf.out') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`synth failed (${code}): ${Buffer.concat(output).toString('utf8')}`))));
  });
}

test('cdktf.out holds no secret: the variables are declared sensitive and have no value', () => {
  const outdir = path.join(appDir, 'cdktf.out');
  const files = filesUnder(outdir);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) expect({ file: path.relative(outdir, file), leaks: scan(`cdktf.out/${path.relative(outdir, file)}`, fs.readFileSync(file, 'utf8')) }).toEqual({ file: path.relative(outdir, file), leaks: [] });
  const synthesized = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as { variable: Record<string, { sensitive?: boolean; default?: unknown }> };
  for (const name of ['webhook_secret_key', 'aws_access_key_id', 'aws_secret_access_key', 'stomp_password']) {
    expect(synthesized.variable[name]).toMatchObject({ sensitive: true });
    expect(synthesized.variable[name]).not.toHaveProperty('default');
  }
});

/** terraform in the synthesized stack's folder, secrets in the environment; resolves whatever the exit code. */
function tf(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<TerraformRun> {
  return terraform(args, { cwd: stackDir, env: { ...stackEnv, ...extraEnv }, okCodes: Array.from({ length: 256 }, (_, code) => code) });
}

test('apply at TF_LOG=trace: neither its output nor the trace log (terraform core and providers) holds a secret', async () => {
  await tf(['init', ...TF_FLAGS]);
  const traceLog = path.join(logDir, 'apply-trace.log');
  const apply = await tf(['apply', ...TF_FLAGS, '-auto-approve'], { TF_LOG: 'trace', TF_LOG_PATH: traceLog });
  expect({ code: apply.code, output: apply.code === 0 ? '' : apply.stdout + apply.stderr }).toEqual({ code: 0, output: '' });

  // The secrets did reach the APIs, so not finding them in the logs means something.
  const stored = JSON.stringify((await ep.admin.integrations()).map((integration) => integration.configuration));
  for (const name of ['webhookSecretKey', 'awsAccessKeyId', 'awsSecretAccessKey', 'stompPassword'] as const) expect(stored).toContain(SECRETS[name]);

  const log = fs.readFileSync(traceLog, 'utf8');
  expect(log).toMatch(/\[TRACE\]/);
  expect(log).toMatch(/plugin\.terraform-provider-elasticpath|terraform-provider-elasticpath/);
  expect(scan('apply output', apply.stdout + apply.stderr)).toEqual([]);
  expect(scan('apply trace log (TF_LOG_PATH)', log)).toEqual([]);
});

test('plan at TF_LOG=trace on stderr is clean and holds no secret', async () => {
  const plan = await tf(['plan', ...TF_FLAGS, '-detailed-exitcode'], { TF_LOG: 'trace' });
  expect(plan.code).toBe(0);
  expect(plan.stderr).toMatch(/\[TRACE\]/);
  expect(scan('plan output', plan.stdout)).toEqual([]);
  expect(scan('plan trace on stderr', plan.stderr)).toEqual([]);
});

test('drift reports (text and JSON) show a secret rotated out of band as (sensitive), never its value', async () => {
  const admin = ep.admin;
  const webhook = (await admin.integrations()).find((integration) => integration.name === 'Orders webhook');
  if (!webhook) throw new Error('the webhook integration was not created');
  await admin.patchIntegration(webhook.id, {
    configuration: { url: 'https://hooks.example.com/changed-out-of-band', secret_key: SECRETS.rotatedWebhookSecretKey },
  });
  await sc.admin.patchIntegration(1001, { shop_name: 'Renamed out of band' });

  const report = await detectDrift({ appDir, skipSynth: true, env: stackEnv });
  const text = formatText(report);
  const json = formatJson(report);
  expect(report.inSync).toBe(false);
  const webhookDrift = report.stacks[0].resources.find((resource) => resource.constructPath?.includes('orders-webhook'));
  expect(webhookDrift?.kind).toBe('changed');
  expect(webhookDrift?.fields).toEqual(
    expect.arrayContaining([
      { path: 'configuration.url', declared: 'https://hooks.example.com/orders', remote: 'https://hooks.example.com/changed-out-of-band' },
      { path: 'configuration.secret_key', declared: '(sensitive)', remote: '(sensitive)' },
    ]),
  );
  expect(scan('drift report (text)', text)).toEqual([]);
  expect(scan('drift report (JSON)', json)).toEqual([]);
});

test('an apply with wrong credentials fails with a clear error that holds no secret, at TF_LOG=trace', async () => {
  const traceLog = path.join(logDir, 'wrong-credentials-trace.log');
  const apply = await tf(['apply', ...TF_FLAGS, '-auto-approve'], {
    ELASTICPATH_CLIENT_SECRET: SECRETS.wrongElasticPathClientSecret,
    SENDCLOUD_SECRET_KEY: SECRETS.wrongSendcloudSecretKey,
    TF_LOG: 'trace',
    TF_LOG_PATH: traceLog,
  });
  const output = (apply.stdout + apply.stderr).replace(/\s+/g, ' ');
  expect(apply.code).toBe(1);
  expect(output).toMatch(/The client credentials are not valid; check the Elastic Path client_id and client_secret/);
  // Terraform stops at the Elastic Path provider's refused configuration; whether Sendcloud's own
  // 401s come first depends on its walk order, so they are checked in bad-input instead.
  expect(scan('wrong-credentials apply output', apply.stdout + apply.stderr)).toEqual([]);
  expect(scan('wrong-credentials trace log', fs.readFileSync(traceLog, 'utf8'))).toEqual([]);
});

test('a literal AWS access key id is hidden in plan output like the secret access key', async () => {
  const workspace = await newWorkspace();
  try {
    const accessKeyId = `AKIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const secretAccessKey = `literal-${token()}`;
    workspace.writeConfig(
      terraformConfig({
        urls: { elasticpath: ep.url, sendcloud: sc.url },
        providerOverrides: { elasticpath: { client_secret: SECRETS.elasticPathClientSecret }, sendcloud: { secret_key: SECRETS.sendcloudSecretKey } },
        elasticpath: {
          queue: {
            name: 'Literal keys',
            integration_type: 'aws_sqs',
            observes: ['order.paid'],
            configuration: { url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/literal', aws_access_key_id: accessKeyId, aws_secret_access_key: secretAccessKey, region: 'eu-west-1' },
          },
        },
      }),
    );
    await workspace.init();
    const plan = await workspace.plan();
    expect(plan.code).toBe(2);
    expect(plan.stdout).not.toContain(secretAccessKey);
    expect(plan.stdout).not.toContain(accessKeyId);
  } finally {
    workspace.cleanup();
  }
});
