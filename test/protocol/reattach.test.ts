/**
 * Reattach (debug) mode: one long-lived provider process that successive
 * terraform runs attach to through TF_REATTACH_PROVIDERS.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PluginClient } from './helpers/grpc-client';
import { exited, launch, type Launched } from './helpers/spawn';
import { ToyWorkspace } from '../helpers/workspace';
import { TOY_ADDRESS, buildToyProvider } from './helpers/toy';

let provider: Launched;
let workspace: ToyWorkspace;
let reattach: string;

beforeAll(async () => {
  const bundle = await buildToyProvider();
  workspace = new ToyWorkspace(bundle);
  // No magic cookie and no client certificate: reattach mode needs neither.
  provider = await launch(bundle, { PATH: process.env.PATH, PLUGIN_UNIX_SOCKET_DIR: workspace.dir }, ['--reattach']);
  reattach = provider.line;
});

afterAll(async () => {
  if (provider) {
    provider.child.kill('SIGTERM');
    expect(await exited(provider.child)).toBe(0);
    expect(existsSync(JSON.parse(reattach)[TOY_ADDRESS].Addr.String)).toBe(false);
  }
  workspace?.cleanup();
});

test('prints the TF_REATTACH_PROVIDERS value as one JSON line', () => {
  const config = JSON.parse(reattach);
  expect(Object.keys(config)).toEqual([TOY_ADDRESS]);
  expect(config[TOY_ADDRESS]).toEqual({
    Protocol: 'grpc',
    ProtocolVersion: 6,
    Pid: provider.child.pid,
    Test: true,
    Addr: { Network: 'unix', String: expect.stringMatching(/\.sock$/) },
  });
  expect(existsSync(config[TOY_ADDRESS].Addr.String)).toBe(true);
});

test('serves plaintext gRPC and survives Shutdown', async () => {
  const socketPath = JSON.parse(reattach)[TOY_ADDRESS].Addr.String;
  const client = new PluginClient(socketPath);
  try {
    await client.call('plugin.GRPCController', 'Shutdown');
    expect((await client.call('grpc.health.v1.Health', 'Check', { service: 'plugin' })).status).toBe('SERVING');
  } finally {
    client.close();
  }
  expect(provider.child.exitCode).toBeNull();
});

test('successive terraform runs use the same provider process', async () => {
  workspace.writeConfig(`
terraform {
  required_providers {
    toy = { source = "commerce-iac/toy" }
  }
}
provider "toy" {
  directory = "${workspace.filesDir}"
}
resource "toy_file" "warm" {
  name    = "warm"
  content = "kept warm"
}
`);
  const env = { TF_REATTACH_PROVIDERS: reattach };
  const flags = ['-input=false', '-no-color'];
  const init = await workspace.attempt(['init', ...flags], env);
  expect(init.code).toBe(0);
  const apply = await workspace.attempt(['apply', '-auto-approve', ...flags], env);
  expect(apply.stdout).toMatch(/Resources: 1 added/);
  expect(existsSync(join(workspace.filesDir, 'warm.json'))).toBe(true);
  expect(provider.child.exitCode).toBeNull();

  const plan = await workspace.attempt(['plan', '-detailed-exitcode', ...flags], env);
  expect(plan.code).toBe(0);
  expect(provider.child.exitCode).toBeNull();

  const destroy = await workspace.attempt(['destroy', '-auto-approve', ...flags], env);
  expect(destroy.stdout).toMatch(/Resources: 1 destroyed/);
  expect(provider.child.exitCode).toBeNull();
});
