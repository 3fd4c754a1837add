import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { version } from '../../package.json';
import { QUICKSTART_SENDCLOUD_INTEGRATION_ID, buildQuickstart } from '../../examples/quickstart/main';
import { allWarnings } from './helpers';

const QUICKSTART = path.resolve(__dirname, '../../examples/quickstart');

function synthQuickstart() {
  const stack = buildQuickstart(Testing.app());
  return { stack, json: JSON.parse(Testing.synth(stack, true)) };
}

test('the quick-start stack synthesizes with validations and without warnings', () => {
  const { stack, json } = synthQuickstart();
  expect(allWarnings(stack)).toEqual([]);
  const types = Object.values(json.resource.elasticpath_integration).map((resource: any) => resource.integration_type);
  expect(types.sort()).toEqual(['aws_sqs', 'stomp', 'webhook']);
  expect(Object.values(json.resource.sendcloud_integration)).toEqual([
    expect.objectContaining({ integration_id: QUICKSTART_SENDCLOUD_INTEGRATION_ID }),
  ]);
  expect(QUICKSTART_SENDCLOUD_INTEGRATION_ID).toBe(1001);
});

test('the quick-start stack declares exclusive management of its store and account, report only', () => {
  const { json } = synthQuickstart();
  const [store] = Object.values(json.resource.elasticpath_integrations_exclusive) as any[];
  const ids = Object.keys(json.resource.elasticpath_integration).map((name) => `\${elasticpath_integration.${name}.id}`);
  expect([...store.integration_ids].sort()).toEqual(ids.sort());
  expect(store.prune).toBe(false);
  const [account] = Object.values(json.resource.sendcloud_integrations_exclusive) as any[];
  expect(account.integration_ids).toEqual([`\${sendcloud_integration.${Object.keys(json.resource.sendcloud_integration)[0]}.id}`]);
  expect(account).not.toHaveProperty('prune');
});

test('the quick-start providers take their credentials from the environment', () => {
  const { json } = synthQuickstart();
  expect(json.provider).toEqual({ elasticpath: [{}], sendcloud: [{}] });
  expect(json.terraform.required_providers).toEqual({
    elasticpath: { source: 'commerce-iac/elasticpath', version },
    sendcloud: { source: 'commerce-iac/sendcloud', version },
  });
});

test('the quick-start secrets come from sensitive variables with visibly example defaults', () => {
  const { json } = synthQuickstart();
  const variables = Object.values(json.variable) as { sensitive?: boolean; default?: string }[];
  expect(variables.length).toBe(4);
  for (const variable of variables) {
    expect(variable.sensitive).toBe(true);
    expect(variable.default).toMatch(/^example-only-/);
  }
  const secrets = Object.values(json.resource.elasticpath_integration).map((resource: any) => {
    const { secret_key, aws_secret_access_key, password } = resource.configuration;
    return secret_key ?? aws_secret_access_key ?? password;
  });
  secrets.forEach((secret) => expect(secret).toMatch(/^\$\{var\.[a-z_]+\}$/));
});

test('cdktf.json runs main.ts without ts-node and declares no registry providers', () => {
  const config = JSON.parse(fs.readFileSync(path.join(QUICKSTART, 'cdktf.json'), 'utf8'));
  expect(config.terraformProviders).toEqual([]);
  expect(config.app).toBe('node ../../scripts/run-ts.js main.ts');

  // What `cdktf synth` does: run the app command in the example's folder with CDKTF_OUTDIR set.
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'quickstart-'));
  try {
    const [command, ...args] = config.app.split(' ');
    execFileSync(command === 'node' ? process.execPath : command, args, {
      cwd: QUICKSTART,
      env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const synthesized = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks/quickstart/cdk.tf.json'), 'utf8'));
    expect(Object.keys(synthesized.resource).sort()).toEqual([
      'elasticpath_integration',
      'elasticpath_integrations_exclusive',
      'sendcloud_integration',
      'sendcloud_integrations_exclusive',
    ]);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
