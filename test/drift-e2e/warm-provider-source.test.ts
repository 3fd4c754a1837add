/**
 * A stack whose provider comes from another registry (`registry.invalid/acme/elasticpath`, as the
 * constructs' `source` or the context key commerce-iac:providerRegistry write it): `provider
 * install --source` lays out a mirror Terraform installs it from, and drift's warm provider is
 * offered under that full address. The mirror's executable here fails on purpose, so a plan
 * succeeds only when Terraform uses the warm provider instead of launching the installed one.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { version } from '../../package.json';
import { detectDrift } from '../../src/drift/detect';
import { type RunningElasticPathEmulator, startElasticPathEmulator } from '../../src/emulators';
import { installProviders } from '../../src/providers/install';

const SOURCE = 'registry.invalid/acme/elasticpath';
let elasticpath: RunningElasticPathEmulator;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  elasticpath = await startElasticPathEmulator();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-integrations-warm-source-'));
  const failingBundle = path.join(dir, 'launched-from-the-mirror.js');
  fs.writeFileSync(failingBundle, "process.stderr.write('the mirror launched its provider instead of the warm one\\n'); process.exit(1);\n");
  const installed = installProviders({ dir: path.join(dir, 'providers'), bundle: failingBundle, sources: [SOURCE] });
  env = {
    TF_CLI_CONFIG_FILE: installed.cliConfigFile,
    TF_PLUGIN_CACHE_DIR: '',
    ELASTICPATH_API_BASE_URL: elasticpath.url,
    ELASTICPATH_CLIENT_ID: elasticpath.clientId,
    ELASTICPATH_CLIENT_SECRET: elasticpath.clientSecret,
  };
  // What `cdktf synth` writes for one stack with ElasticPathProvider({ source: SOURCE }) and one integration.
  const stackDir = path.join(dir, 'app', 'cdktf.out', 'stacks', 'registry');
  fs.mkdirSync(stackDir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'app', 'cdktf.out', 'manifest.json'),
    JSON.stringify({ stacks: { registry: { name: 'registry', workingDirectory: 'stacks/registry', synthesizedStackPath: 'stacks/registry/cdk.tf.json' } } }),
  );
  fs.writeFileSync(
    path.join(stackDir, 'cdk.tf.json'),
    JSON.stringify({
      terraform: { required_providers: { elasticpath: { source: SOURCE, version } } },
      provider: { elasticpath: [{}] },
      resource: {
        elasticpath_integration: {
          hook: { name: 'Hook from a private registry', integration_type: 'webhook', observes: ['order.paid'], configuration: { url: 'https://hooks.example.com/paid' } },
        },
      },
    }),
  );
});

afterAll(async () => {
  await elasticpath?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('drift with warm providers plans a stack that names its provider by another registry', async () => {
  const report = await detectDrift({ appDir: path.join(dir, 'app'), skipSynth: true, warmProviders: true, env });
  expect(report.stacks).toEqual([{ name: 'registry', resources: [expect.objectContaining({ address: 'elasticpath_integration.hook', kind: 'not-created' })] }]);
});

test('without warm providers the same plan launches the mirror executable (here failing): the test tells the two apart', async () => {
  const report = await detectDrift({ appDir: path.join(dir, 'app'), skipSynth: true, warmProviders: false, env });
  expect(report.stacks[0].error?.message).toMatch(/failed to instantiate provider\s+"registry\.invalid\/acme\/elasticpath"/);
});
