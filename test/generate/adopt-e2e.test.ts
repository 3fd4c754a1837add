/**
 * Adopting an existing store, end to end against the emulators: a store seeded through
 * /__admin is generated as CDKTF code (CLI and library), the code compiles under
 * tsc --strict, a deploy without the secret variables stops before any API call naming
 * them, the deploy with them imports everything (0 added, 0 destroyed, only the masked
 * secrets written), and the next plan, drift and generate find nothing new.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectDrift } from '../../src/drift/detect';
import { terraform } from '../../src/drift/terraform';
import { type RenderedCode, generateIntegrationsCode } from '../../src/generate';
import { providerEnvironment, startElasticPathEmulator, startSendcloudEmulator } from '../../src/emulators';
import { admin, runProcess, uniqueSecret } from '../drift-e2e/support';
import { REPO_ROOT, providerInstall } from '../helpers/workspace';
import { SendcloudClient } from '../../api/sendcloud';
import { ELASTIC_PATH_STORE, PRESTASHOP_MAPPING, PRESTASHOP_SHOP, SENDCLOUD_ACCOUNT, seededSecret } from './store';

jest.setTimeout(900_000);

const STACK = 'adopted';
let ep: Awaited<ReturnType<typeof startElasticPathEmulator>>;
let sc: Awaited<ReturnType<typeof startSendcloudEmulator>>;
let env: Record<string, string>;
let appDir: string;

beforeAll(async () => {
  ep = await startElasticPathEmulator({ clientSecret: uniqueSecret('ep-client-secret') });
  sc = await startSendcloudEmulator({ secretKey: uniqueSecret('sc-secret-key'), seed: [...SENDCLOUD_ACCOUNT, PRESTASHOP_SHOP] });
  await new SendcloudClient({ baseUrl: sc.url, publicKey: sc.publicKey, secretKey: sc.secretKey }).shop.putStatusMapping(PRESTASHOP_SHOP.id, PRESTASHOP_MAPPING);
  for (const integration of ELASTIC_PATH_STORE) await admin(ep.url, 'POST', '/integrations', integration);
  env = {
    CHECKPOINT_DISABLE: '1',
    TF_CLI_CONFIG_FILE: providerInstall().cliConfigFile,
    TF_PLUGIN_CACHE_DIR: '',
    ...providerEnvironment({ elasticpath: ep, sendcloud: sc }),
  };
  appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'generate-e2e-app-'));
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');
});

afterAll(async () => {
  await ep?.close();
  await sc?.close();
  if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
});

const LIBRARY = path.join(REPO_ROOT, 'src');
const generate = () => generateIntegrationsCode({ env, moduleSpecifier: LIBRARY });

function cli(args: string[], extraEnv: Record<string, string> = env) {
  return runProcess(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'generate', ...args], { cwd: appDir, env: extraEnv });
}

/** The request log of both emulators, for "nothing was called" checks. */
async function apiCalls(): Promise<number> {
  const logged = [...(await admin<unknown[]>(ep.url, 'GET', '/requests')), ...(await admin<unknown[]>(sc.url, 'GET', '/requests'))];
  return logged.length;
}

function writeApp(): void {
  fs.writeFileSync(
    path.join(appDir, 'main.ts'),
    [
      "import { App, TerraformStack } from 'cdktf';",
      `import { ElasticPathProvider, SendcloudProvider } from ${JSON.stringify(LIBRARY)};`,
      "import { ExistingIntegrations } from './existing-integrations';",
      '',
      'const app = new App();',
      `const stack = new TerraformStack(app, '${STACK}');`,
      "new ElasticPathProvider(stack, 'elasticpath');",
      "new SendcloudProvider(stack, 'sendcloud');",
      "new ExistingIntegrations(stack, 'existing');",
      'app.synth();',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(appDir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: 'ES2022', module: 'commonjs', moduleResolution: 'node', esModuleInterop: true,
        skipLibCheck: true, resolveJsonModule: true, types: ['node'],
      },
      files: ['main.ts', 'existing-integrations.ts'],
    }),
  );
  fs.writeFileSync(
    path.join(appDir, 'cdktf.json'),
    JSON.stringify({ language: 'typescript', app: `node ${JSON.stringify(path.join(REPO_ROOT, 'scripts', 'run-ts.js'))} main.ts`, projectId: 'generate-e2e', sendCrashReports: 'false', terraformProviders: [], terraformModules: [], context: {} }),
  );
}

const stackDir = () => path.join(appDir, 'cdktf.out', 'stacks', STACK);

let generated: RenderedCode;
let secretVariables: Record<string, string>;

test('the CLI writes the module and a summary; generating twice gives identical files', async () => {
  const first = await cli(['--out', 'generated/first.ts']);
  expect(first.stderr).toMatch(/wrote generated\/first.ts: class ExistingIntegrations/);
  expect(first.stderr).toMatch(/Elastic Path: 14 integrations \(7 webhook, 4 aws_sqs, 3 stomp\)/);
  expect(first.stderr).toMatch(/Sendcloud: 4 integrations \(order statuses of 1, status mapping of 1\)/);
  expect(first.stderr).not.toMatch(/left out/);
  expect(first.stderr).toMatch(/set before deploying \(sensitive\): TF_VAR_carts_to_amazon_mq_password /);
  expect(first.code).toBe(0);
  const second = await cli(['--out', 'generated/second.ts']);
  expect(second.code).toBe(0);
  const [a, b] = ['first', 'second'].map((name) => fs.readFileSync(path.join(appDir, 'generated', `${name}.ts`), 'utf8'));
  expect(b).toBe(a);

  generated = await generate();
  expect(generated.code).toBe(a.replace("from 'cdktf-commerce-integrations';", `from ${"'"}${LIBRARY}';`));
  expect(generated.code).toMatch(/new SendcloudShopOrderStatuses\(this, 'sendcloud-[\w-]+-order-statuses', \{\n\s+integrationId: 2004,/);
  expect(generated.code).toContain("{ externalId: 'PS_OS_PAYMENT', translations: { 'en-gb': 'Payment accepted', 'fr-fr': 'Paiement accepté' } },");
  expect(generated.code).toContain("mapping: { READY_TO_SEND: 'PS_OS_PAYMENT', IN_TRANSIT: 'PS_OS_SHIPPING', DELIVERED: 'PS_OS_DELIVERED' },");
  for (const secret of [ep.clientSecret, sc.secretKey, ...ELASTIC_PATH_STORE.flatMap((i) => Object.values(i.configuration))]) {
    if (typeof secret === 'string' && /secret|password|AKIA/.test(secret)) expect(`${a}${first.stderr}`).not.toContain(secret);
  }
  secretVariables = Object.fromEntries(generated.variables.map((v) => [`TF_VAR_${v.name}`, seededSecret(v.integrationId, v.attribute)]));
  expect(Object.keys(secretVariables)).toHaveLength(13);
});

test('fails before any request when credentials are missing, naming the variables', async () => {
  const before = await apiCalls();
  const result = await cli(['--elasticpath'], { ...env, ELASTICPATH_CLIENT_SECRET: '' });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/Elastic Path needs a client-credentials key: set ELASTICPATH_CLIENT_SECRET/);
  expect(await apiCalls()).toBe(before);
});

test('the generated module compiles under tsc --strict', async () => {
  fs.writeFileSync(path.join(appDir, 'existing-integrations.ts'), generated.code);
  writeApp();
  const tsc = await runProcess(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', appDir]);
  expect(tsc.stdout + tsc.stderr).toBe('');
  expect(tsc.code).toBe(0);
});

test('without the secret variables the deploy stops before any API call, naming them', async () => {
  const synth = await runProcess('sh', ['-c', JSON.parse(fs.readFileSync(path.join(appDir, 'cdktf.json'), 'utf8')).app], {
    cwd: appDir,
    env: { ...env, CDKTF_OUTDIR: path.join(appDir, 'cdktf.out') },
  });
  expect(synth.stderr).not.toMatch(/error/i);
  expect(synth.code).toBe(0);
  await terraform(['init', '-input=false', '-no-color'], { cwd: stackDir(), env });
  const before = await apiCalls();
  const apply = await terraform(['apply', '-input=false', '-no-color', '-auto-approve'], { cwd: stackDir(), env, okCodes: [1] });
  expect(apply.code).toBe(1);
  expect(apply.stderr).toMatch(/No value for required variable/);
  for (const name of ['orders_to_sqs_aws_secret_access_key', 'carts_to_amazon_mq_password', 'order_paid_secret_key']) {
    expect(apply.stderr).toContain(`"${name}"`);
  }
  expect(await apiCalls()).toBe(before);
});

test('with the variables the deploy imports every integration: 0 added, 0 destroyed, only masked secrets written', async () => {
  const deployEnv = { ...env, ...secretVariables };
  const plan = await terraform(['plan', '-input=false', '-no-color'], { cwd: stackDir(), env: deployEnv });
  // 14 Elastic Path integrations, 4 Sendcloud ones, and the Prestashop shop's statuses and mapping.
  expect(plan.stdout).toMatch(/Plan: 20 to import, 0 to add, 7 to change, 0 to destroy\./);
  const apply = await terraform(['apply', '-input=false', '-no-color', '-auto-approve'], { cwd: stackDir(), env: deployEnv });
  expect(apply.stdout).toMatch(/Apply complete! Resources: 20 imported, 0 added, 7 changed, 0 destroyed\./);
  for (const secret of Object.values(secretVariables)) expect(plan.stdout + apply.stdout).not.toContain(secret);

  // What changed is the secrets of the aws_sqs and stomp integrations, now stored as given.
  const stored = await admin<typeof ELASTIC_PATH_STORE>(ep.url, 'GET', '/integrations');
  for (const seed of ELASTIC_PATH_STORE) {
    const now = stored.find((integration) => integration.id === seed.id)!;
    expect({ name: now.name, description: now.description, enabled: now.enabled, observes: [...now.observes].sort(), configuration: now.configuration }).toEqual({
      name: seed.name, description: seed.description, enabled: seed.enabled, observes: [...seed.observes].sort(), configuration: seed.configuration,
    });
  }
});

test('afterwards the plan and drift are clean, and generate writes the same file', async () => {
  const deployEnv = { ...env, ...secretVariables };
  const plan = await terraform(['plan', '-input=false', '-no-color', '-detailed-exitcode'], { cwd: stackDir(), env: deployEnv, okCodes: [2] });
  expect([plan.code, plan.stdout]).toEqual([0, expect.stringMatching(/No changes/)]);
  const drift = await detectDrift({ appDir, env: deployEnv, skipSynth: true });
  expect(drift.stacks.map((stack) => [stack.name, stack.resources])).toEqual([[STACK, []]]);
  expect(drift.inSync).toBe(true);
  expect((await generate()).code).toBe(generated.code);
});

test('ELASTICPATH_STORE_ID selects the store, as it does for the provider', async () => {
  await admin(ep.url, 'POST', '/integrations?store=eu-store', {
    id: '0c9e6f3a-5b1d-4e2a-9f7c-eeeeeeeeeeee', name: 'EU only', description: '', enabled: true,
    integration_type: 'webhook', observes: ['order.paid'], configuration: { url: 'https://eu.example.com/only' },
  });
  const rendered = await generateIntegrationsCode({ env: { ...env, ELASTICPATH_STORE_ID: 'eu-store' }, elasticpath: true });
  expect(rendered.elasticpath).toEqual({ webhook: 1, aws_sqs: 0, stomp: 0 });
  expect(rendered.code).toMatch(/1 Elastic Path integration \(store eu-store\)/);
  expect(rendered.code).toMatch(/new ElasticPathIntegration\(this, 'eu-only', \{/);
  expect(rendered.code).not.toMatch(/Sendcloud/);
});
