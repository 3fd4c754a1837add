/**
 * OpenTofu reads the short source `commerce-iac/<name>` as registry.opentofu.org/commerce-iac/<name>,
 * Terraform as registry.terraform.io/...: the offline mirror, the CLI configuration's patterns and
 * the warm providers' reattach entries must serve both. No OpenTofu binary can be installed here,
 * so these check the files and the JSON that OpenTofu would read.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { version } from '../../package.json';
import { cliConfiguration, installProviders, mirrorLaunchers, terraformPlatform } from '../../src/providers/install';
import { reattachUnderEveryHost } from '../../src/providers/warm';

let dir: string;
let bundle: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-integrations-layout-'));
  bundle = path.join(dir, 'provider.js');
  fs.writeFileSync(bundle, '// stands in for dist/provider.js\n');
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('provider install puts each provider under both registry hosts, in the unpacked mirror layout', () => {
  const installed = installProviders({ dir: path.join(dir, 'install'), bundle });
  const platform = terraformPlatform();
  for (const host of ['registry.terraform.io', 'registry.opentofu.org']) {
    for (const name of ['elasticpath', 'sendcloud']) {
      const launcher = path.join(installed.mirrorDir, host, 'commerce-iac', name, version, platform, `terraform-provider-${name}_v${version}`);
      expect(fs.existsSync(launcher)).toBe(true);
      expect(fs.statSync(launcher).mode & 0o111).not.toBe(0);
      const text = fs.readFileSync(launcher, 'utf8');
      expect(text.startsWith(`#!/bin/sh\nNODE_COMPILE_CACHE="\${NODE_COMPILE_CACHE:-${path.join(installed.dir, 'compile-cache')}}"\nexport NODE_COMPILE_CACHE\n`)).toBe(true);
      expect(text).toContain(` run=${path.join(installed.dir, 'run')}/commerce-iac-${name}-$PPID\n`);
      expect(text.endsWith(`exec ${path.join(installed.dir, 'node')} ${bundle} ${name} "$@"\n`)).toBe(true);
    }
  }
  expect(fs.readdirSync(installed.mirrorDir).sort()).toEqual(['registry.opentofu.org', 'registry.terraform.io']);
  expect(fs.readlinkSync(path.join(installed.dir, 'node'))).toBe(process.execPath);
  expect(mirrorLaunchers(installed.mirrorDir)).toHaveLength(4);
});

test('the CLI configuration takes both hosts from the mirror and nothing else from it', () => {
  const installed = installProviders({ dir: path.join(dir, 'install'), bundle });
  const config = fs.readFileSync(installed.cliConfigFile, 'utf8');
  expect(config).toBe(cliConfiguration(installed.mirrorDir));
  const patterns = '["registry.terraform.io/commerce-iac/*", "registry.opentofu.org/commerce-iac/*"]';
  expect(config).toContain(`filesystem_mirror {\n    path    = ${JSON.stringify(installed.mirrorDir)}\n    include = ${patterns}\n  }`);
  expect(config).toContain(`direct {\n    exclude = ${patterns}\n  }`);
});

test('an install with another Node leaves the launchers (and so the lock file checksums) as they were', () => {
  const first = installProviders({ dir: path.join(dir, 'install'), bundle });
  const launcher = mirrorLaunchers(first.mirrorDir)[0].file;
  const text = fs.readFileSync(launcher, 'utf8');
  fs.rmSync(path.join(first.dir, 'node'));
  fs.symlinkSync('/opt/another/node', path.join(first.dir, 'node'));
  installProviders({ dir: path.join(dir, 'install'), bundle });
  expect(fs.readFileSync(launcher, 'utf8')).toBe(text);
  expect(fs.readlinkSync(path.join(first.dir, 'node'))).toBe(process.execPath);
});

test('a second install over the first leaves the launchers as they were', () => {
  const first = installProviders({ dir: path.join(dir, 'install'), bundle });
  const launcher = mirrorLaunchers(first.mirrorDir)[0].file;
  const before = fs.statSync(launcher).mtimeMs;
  installProviders({ dir: path.join(dir, 'install'), bundle });
  expect(fs.statSync(launcher).mtimeMs).toBe(before);
});

const entry = (pid: number) => ({ Protocol: 'grpc', ProtocolVersion: 6, Pid: pid, Test: true, Addr: { Network: 'unix', String: `/tmp/plugin${pid}` } });

test('warm providers are offered under both hosts, each host pointing at the same process', () => {
  const printed = { 'registry.terraform.io/commerce-iac/elasticpath': entry(11), 'registry.terraform.io/commerce-iac/sendcloud': entry(12) };
  expect(reattachUnderEveryHost(printed)).toEqual({
    'registry.terraform.io/commerce-iac/elasticpath': entry(11),
    'registry.terraform.io/commerce-iac/sendcloud': entry(12),
    'registry.opentofu.org/commerce-iac/elasticpath': entry(11),
    'registry.opentofu.org/commerce-iac/sendcloud': entry(12),
  });
});
