/**
 * The HCL flow: `import` blocks and `terraform plan -generate-config-out` for both resource
 * types, against the seeded store. The generated configuration names every attribute; once
 * its `null # sensitive` lines are filled in, the plan imports everything (0 to add, 0 to
 * destroy, the masked secrets written), and after apply the plan is clean.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { providerEnvironment, startElasticPathEmulator, startSendcloudEmulator } from '../../src/emulators';
import { TerraformWorkspace, requiredProviders } from '../helpers/workspace';
import { ELASTIC_PATH_STORE, SENDCLOUD_ACCOUNT } from './store';

jest.setTimeout(600_000);

let ep: Awaited<ReturnType<typeof startElasticPathEmulator>>;
let sc: Awaited<ReturnType<typeof startSendcloudEmulator>>;
let workspace: TerraformWorkspace;

beforeAll(async () => {
  ep = await startElasticPathEmulator();
  sc = await startSendcloudEmulator({ seed: SENDCLOUD_ACCOUNT });
  for (const integration of ELASTIC_PATH_STORE) await ep.admin.seed(integration);
  workspace = new TerraformWorkspace({ CHECKPOINT_DISABLE: '1', ...providerEnvironment({ elasticpath: ep, sendcloud: sc }) });
});

afterAll(async () => {
  await ep?.close();
  await sc?.close();
  workspace?.cleanup();
});

const epName = (index: number) => `ep_${index + 1}`;

test('plan -generate-config-out writes both resource types; with the secrets filled in, the import plans and applies with 0 added, 0 destroyed, then plans clean', async () => {
  const { required_providers } = requiredProviders() as { required_providers: Record<string, { source: string; version: string }> };
  workspace.writeFile(
    'main.tf',
    [
      'terraform {',
      '  required_providers {',
      ...Object.entries(required_providers).map(([name, { source, version }]) => `    ${name} = { source = "${source}", version = "${version}" }`),
      '  }',
      '}',
      ...ELASTIC_PATH_STORE.map((integration, index) => `import {\n  to = elasticpath_integration.${epName(index)}\n  id = "${integration.id}"\n}`),
      ...SENDCLOUD_ACCOUNT.map((integration) => `import {\n  to = sendcloud_integration.sc_${integration.id}\n  id = "${integration.id}"\n}`),
      '',
    ].join('\n'),
  );
  await workspace.init();
  // Terraform writes the file, then reports the secrets the configuration still lacks.
  const first = await workspace.attempt(['plan', '-input=false', '-no-color', '-generate-config-out=generated.tf']);
  expect(first.stderr).toMatch(/Missing configuration.aws_secret_access_key/);
  const file = path.join(workspace.dir, 'generated.tf');
  const generated = fs.readFileSync(file, 'utf8');
  expect(generated.match(/resource "elasticpath_integration"/g)).toHaveLength(14);
  expect(generated.match(/resource "sendcloud_integration"/g)).toHaveLength(3);
  expect(generated).not.toMatch(/\*\*\*\*|created_at|updated_at|\bid +=/);
  expect(generated).toContain('name             = "Subscriptions: paused / pending cancel"');
  expect(generated).toContain('shop_name              = "Bob\'s Shop (NL)"');

  // Fill in the secrets each integration's type uses, as a user would: sensitive variables.
  const variables: string[] = [];
  const values: Record<string, string> = {};
  const filled = generated.replace(/resource "elasticpath_integration" "(ep_\d+)" \{[\s\S]*?\n\}/g, (block, name: string) => {
    const seed = ELASTIC_PATH_STORE[Number(name.slice(3)) - 1];
    return block.replace(/^( +)(\w+)( += )null # sensitive$/gm, (line, indent: string, field: string, equals: string) => {
      const secret = seed.configuration[field];
      if (typeof secret !== 'string') return line;
      const variable = `${name}_${field}`;
      variables.push(`variable "${variable}" {\n  type      = string\n  sensitive = true\n}`);
      values[`TF_VAR_${variable}`] = secret;
      return `${indent}${field}${equals}var.${variable}`;
    });
  });
  expect(Object.keys(values)).toHaveLength(13);
  fs.writeFileSync(file, `${filled}\n${variables.join('\n')}\n`);
  Object.assign(workspace.env, values);

  const plan = await workspace.plan();
  expect(plan.stdout).toMatch(/Plan: 17 to import, 0 to add, 7 to change, 0 to destroy\./);
  const apply = await workspace.apply();
  expect(apply.stdout).toMatch(/Apply complete! Resources: 17 imported, 0 added, 7 changed, 0 destroyed\./);
  const again = await workspace.plan();
  expect([again.code, again.stdout]).toEqual([0, expect.stringMatching(/No changes/)]);
});
