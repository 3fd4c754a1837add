/**
 * Adopting integrations with importFrom needs Terraform 1.5 (import blocks), which cdktf checks
 * by running `terraform version` at synth. The constructs run that check once per stack and
 * share its answer across the app, not once per imported resource: an app adopting a store of
 * 200 integrations ran it 200 times. A `terraform` on PATH that notes each call counts them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Cdktf from 'cdktf';
import type * as Constructs from '../../src/constructs';

// cdktf reads TERRAFORM_BINARY_NAME when it loads, so the counting terraform is in place before.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-version-check-'));
const callsFile = path.join(dir, 'calls.log');
const versionFile = path.join(dir, 'version');
fs.writeFileSync(path.join(dir, 'terraform'), `#!/bin/sh\necho "$*" >> ${JSON.stringify(callsFile)}\necho "Terraform v$(cat ${JSON.stringify(versionFile)})"\n`, { mode: 0o755 });
process.env.TERRAFORM_BINARY_NAME = path.join(dir, 'terraform');
const { TerraformStack, Testing } = require('cdktf') as typeof Cdktf;
const { ElasticPathIntegration, ElasticPathIntegrationsExclusive, IntegrationConfiguration, ElasticPathProvider, SendcloudIntegration, SendcloudProvider } =
  require('../../src/constructs') as typeof Constructs;

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Makes the counting terraform answer `version`; returns how many times it has been called since. */
function fakeTerraform(version: string): () => number {
  fs.writeFileSync(versionFile, version);
  fs.rmSync(callsFile, { force: true });
  return () => (fs.existsSync(callsFile) ? fs.readFileSync(callsFile, 'utf8').split('\n').filter(Boolean).length : 0);
}

function adoptingStack(app: Cdktf.App, name: string, count: number): Cdktf.TerraformStack {
  const stack = new TerraformStack(app, name);
  new ElasticPathProvider(stack, 'elasticpath');
  new SendcloudProvider(stack, 'sendcloud');
  for (let index = 0; index < count; index += 1) {
    new ElasticPathIntegration(stack, `integration-${index}`, {
      name: `Adopted ${index}`,
      observes: ['order.paid'],
      configuration: IntegrationConfiguration.webhook({ url: `https://hooks.example.com/${index}` }),
    }).importFrom(`00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
  }
  new ElasticPathIntegrationsExclusive(stack, 'exclusive').importFrom('default');
  new SendcloudIntegration(stack, 'shop', { integrationId: 1001 }).importFrom('1001');
  return stack;
}

test('an app adopting integrations in two stacks asks `terraform version` once, and every import block is written', () => {
  const calls = fakeTerraform('1.11.4');
  const app = Testing.app();
  const stacks = [adoptingStack(app, 'store', 5), adoptingStack(app, 'eu-store', 3)];
  const imports = stacks.map((stack) => (JSON.parse(Testing.synth(stack, true)).import as unknown[]).length);
  expect(imports).toEqual([7, 5]);
  expect(calls()).toBe(1);
});

test('fails when Terraform is older than 1.5, naming the version, once per stack', () => {
  fakeTerraform('1.4.6');
  const stack = adoptingStack(Testing.app(), 'store', 3);
  const failure = (() => {
    try {
      Testing.synth(stack, true);
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  })();
  expect(failure.match(/terraform version 1\.4\.6 is lower than the required version >=1\.5/g)).toHaveLength(1);
});
