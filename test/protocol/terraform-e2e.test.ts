/**
 * The toy provider driven by the real terraform CLI through a whole lifecycle:
 * init, plan, apply, a clean second plan, update, replacement, drift, deletion
 * out of band, import, a data source, validation errors, destroy.
 */
import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TerraformRun } from '../../src/drift/terraform';
import { ToyWorkspace } from '../helpers/workspace';
import { buildToyProvider } from './helpers/toy';

const SECRET = 'hunter2-do-not-print';
const FLAGS = ['-input=false', '-no-color'];
/** Commands that do not accept -input. */
const NON_INTERACTIVE = new Set(['validate', 'state', 'output']);

interface FileConfig {
  name?: string;
  content?: string;
  tags?: string[];
  retries?: number;
}

let workspace: ToyWorkspace;

function config(file: FileConfig = {}): string {
  const { name = 'alpha', content = 'hello', tags = ['b', 'a'], retries = 2 } = file;
  return `
terraform {
  required_providers {
    toy = { source = "commerce-iac/toy", version = "0.1.0" }
  }
}

provider "toy" {
  directory = "${workspace.filesDir}"
}

resource "toy_file" "main" {
  name     = "${name}"
  content  = "${content}"
  secret   = "${SECRET}"
  tags     = ${JSON.stringify(tags)}
  settings = { retries = ${retries} }
}

data "toy_file" "main" {
  name       = toy_file.main.name
  depends_on = [toy_file.main]
}

output "size" {
  value = data.toy_file.main.size
}
`;
}

function storedFile(name = 'alpha'): Record<string, unknown> {
  return JSON.parse(readFileSync(join(workspace.filesDir, `${name}.json`), 'utf8'));
}

/** Runs `terraform COMMAND [SUBCOMMAND] FLAGS... ARGS...` (flags go before positional arguments). */
async function terraform(command: string, ...args: string[]): Promise<TerraformRun> {
  const flags = NON_INTERACTIVE.has(command) ? ['-no-color'] : FLAGS;
  const subcommand = command === 'state' ? [args.shift() ?? ''] : [];
  return workspace.attempt([command, ...subcommand, ...flags, ...args]);
}

function plan(...args: string[]): Promise<TerraformRun> {
  return terraform('plan', '-detailed-exitcode', ...args);
}

function expectSuccess(result: TerraformRun): void {
  if (result.code !== 0) throw new Error(`terraform failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
}

beforeAll(async () => {
  workspace = new ToyWorkspace(await buildToyProvider());
  workspace.writeConfig(config());
  expectSuccess(await workspace.attempt(['init', ...FLAGS]));
});

afterAll(() => {
  workspace?.cleanup();
});

test('plan shows the creation, hides the sensitive value', async () => {
  const result = await plan();
  expect(result.code).toBe(2);
  expect(result.stdout).toMatch(/toy_file\.main will be created/);
  expect(result.stdout).toMatch(/secret\s+= \(sensitive value\)/);
  expect(result.stdout).toMatch(/mode\s+= "standard"/);
  expect(result.stdout).toMatch(/id\s+= \(known after apply\)/);
  expect(result.stdout + result.stderr).not.toContain(SECRET);
});

test('apply creates the file and reads the data source', async () => {
  const result = await terraform('apply', '-auto-approve');
  expectSuccess(result);
  expect(result.stdout).toMatch(/Resources: 1 added, 0 changed, 0 destroyed/);
  expect(result.stdout).not.toContain(SECRET);
  expect(storedFile()).toMatchObject({ name: 'alpha', content: 'hello', secret: SECRET, format: 'json' });
  const output = await terraform('output', '-raw', 'size');
  expect(output.stdout).toBe('5');
});

test('a second plan finds nothing to change', async () => {
  const result = await plan();
  expect(result.stdout).toMatch(/No changes/);
  expect(result.code).toBe(0);
});

test('a content change is an in-place update that keeps the id', async () => {
  const idBefore = storedFile().id;
  workspace.writeConfig(config({ content: 'hello world', tags: ['c'] }));
  const planned = await plan();
  expect(planned.code).toBe(2);
  expect(planned.stdout).toMatch(/toy_file\.main will be updated in-place/);
  expect(planned.stdout).toMatch(/size\s+= 5 -> \(known after apply\)/);
  const applied = await terraform('apply', '-auto-approve');
  expectSuccess(applied);
  expect(applied.stdout).toMatch(/Resources: 0 added, 1 changed, 0 destroyed/);
  expect(storedFile()).toMatchObject({ id: idBefore, content: 'hello world', tags: ['c'] });
  expect((await plan()).code).toBe(0);
});

test('changing a requiresReplace attribute replaces the resource', async () => {
  workspace.writeConfig(config({ name: 'beta', content: 'hello world', tags: ['c'] }));
  const planned = await plan();
  expect(planned.stdout).toMatch(/toy_file\.main must be replaced/);
  expect(planned.stdout).toMatch(/name\s+= "alpha" -> "beta" # forces replacement/);
  const applied = await terraform('apply', '-auto-approve');
  expectSuccess(applied);
  expect(applied.stdout).toMatch(/Resources: 1 added, 0 changed, 1 destroyed/);
  expect(existsSync(join(workspace.filesDir, 'alpha.json'))).toBe(false);
  expect(storedFile('beta').content).toBe('hello world');
});

test('an out-of-band change is detected by plan', async () => {
  const stored = storedFile('beta');
  writeFileSync(join(workspace.filesDir, 'beta.json'), JSON.stringify({ ...stored, content: 'tampered' }));
  const planned = await plan();
  expect(planned.code).toBe(2);
  expect(planned.stdout).toMatch(/content\s+= "tampered" -> "hello world"/);
  expectSuccess(await terraform('apply', '-auto-approve'));
  expect(storedFile('beta').content).toBe('hello world');
});

test('a resource deleted out of band is planned for creation again', async () => {
  rmSync(join(workspace.filesDir, 'beta.json'));
  const planned = await plan();
  expect(planned.code).toBe(2);
  expect(planned.stdout).toMatch(/toy_file\.main will be created/);
  expectSuccess(await terraform('apply', '-auto-approve'));
  expect(storedFile('beta').content).toBe('hello world');
});

test('import adopts an existing file, and the next plan is clean', async () => {
  expectSuccess(await terraform('state', 'rm', 'toy_file.main'));
  const imported = await terraform('import', 'toy_file.main', 'beta');
  expectSuccess(imported);
  expect(imported.stdout).toMatch(/Import successful/);
  const state = await terraform('state', 'show', 'toy_file.main');
  expect(state.stdout).toMatch(/name\s+= "beta"/);
  expect(state.stdout).toMatch(/secret\s+= \(sensitive value\)/);
  expect((await plan()).code).toBe(0);
});

test('validation errors name the attribute and say how to fix it', async () => {
  workspace.writeConfig(config({ name: 'Bad Name', content: 'hello world', tags: ['c'] }));
  const invalidName = await terraform('validate');
  expect(invalidName.code).toBe(1);
  expect(invalidName.stderr).toMatch(/Invalid value for name/);
  expect(invalidName.stderr).toMatch(/must start with a lowercase letter or digit/);
  // Terraform points at the offending line when the diagnostic carries the attribute path.
  expect(invalidName.stderr).toMatch(/name\s+= "Bad Name"/);

  workspace.writeConfig(config({ name: 'beta', content: 'hello world', tags: ['c'], retries: -1 }));
  const invalidNested = await terraform('validate');
  expect(invalidNested.code).toBe(1);
  expect(invalidNested.stderr).toMatch(/Invalid retries/);
  expect(invalidNested.stderr).toMatch(/retries must be zero or more/);
  // Terraform 1.11 maps a path into a nested attribute's object back to the resource block only.
  expect(invalidNested.stderr).toMatch(/with toy_file\.main/);
  expect(invalidNested.stderr).not.toContain(SECRET);
});

test('the provider never writes configuration values to Terraform\'s log', async () => {
  workspace.writeConfig(config({ name: 'beta', content: 'hello world', tags: ['c'] }));
  const logPath = join(workspace.dir, 'terraform.log');
  const result = await workspace.attempt(['plan', ...FLAGS], { TF_LOG: 'TRACE', TF_LOG_PATH: logPath });
  expectSuccess(result);
  const providerLines = readFileSync(logPath, 'utf8')
    .split('\n')
    .filter((line) => line.includes('provider.terraform-provider-toy'));
  expect(providerLines.some((line) => line.includes('served RPC method="PlanResourceChange"'))).toBe(true);
  expect(providerLines.join('\n')).not.toContain(SECRET);
  expect(providerLines.join('\n')).not.toContain('hello world');
});

test('destroy removes the file', async () => {
  const result = await terraform('destroy', '-auto-approve');
  expectSuccess(result);
  expect(result.stdout).toMatch(/Resources: 1 destroyed/);
  expect(existsSync(join(workspace.filesDir, 'beta.json'))).toBe(false);
});
