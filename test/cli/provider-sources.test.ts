/**
 * Providers named by another registry's address (`app.terraform.io/acme/elasticpath`, from the
 * constructs' `source` or the context key commerce-iac:providerRegistry): `provider install`'s
 * mirror and CLI configuration serve them under that address, and the warm providers are offered
 * under it, keyed as Terraform keys them (the whole address).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { version } from '../../package.json';
import { cliConfiguration, installProviders, terraformPlatform } from '../../src/providers/install';
import { reattachUnderEveryHost } from '../../src/providers/warm';
import { REPO_ROOT } from '../helpers/workspace';

let dir: string;
let bundle: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-integrations-sources-'));
  bundle = path.join(dir, 'provider.js');
  fs.writeFileSync(bundle, '// stands in for dist/provider.js\n');
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('provider install lays a provider out under the host and namespace of the source it is given', () => {
  const installed = installProviders({ dir: path.join(dir, 'install'), bundle, sources: ['app.terraform.io/acme/elasticpath', '127.0.0.1:8443/Platform/sendcloud'] });
  const launcher = (host: string, namespace: string, name: string) =>
    path.join(installed.mirrorDir, host, namespace, name, version, terraformPlatform(), `terraform-provider-${name}_v${version}`);
  expect(fs.readFileSync(launcher('app.terraform.io', 'acme', 'elasticpath'), 'utf8')).toContain(`${bundle} elasticpath "$@"`);
  expect(fs.readFileSync(launcher('127.0.0.1:8443', 'platform', 'sendcloud'), 'utf8')).toContain(`${bundle} sendcloud "$@"`);
  // The public addresses stay served, and only the named provider is added under the new address.
  expect(fs.existsSync(launcher('registry.terraform.io', 'commerce-iac', 'elasticpath'))).toBe(true);
  expect(fs.existsSync(launcher('app.terraform.io', 'acme', 'sendcloud'))).toBe(false);

  const config = fs.readFileSync(installed.cliConfigFile, 'utf8');
  const patterns =
    '["registry.terraform.io/commerce-iac/*", "registry.opentofu.org/commerce-iac/*", "app.terraform.io/acme/elasticpath", "127.0.0.1:8443/platform/sendcloud"]';
  expect(config).toContain(`include = ${patterns}`);
  expect(config).toContain(`exclude = ${patterns}`);
  expect(cliConfiguration(installed.mirrorDir)).not.toContain('app.terraform.io');
});

test('a source that is not one of the providers is refused before anything is written', () => {
  expect(() => installProviders({ dir: path.join(dir, 'install'), bundle, sources: ['app.terraform.io/acme/aws'] })).toThrow(
    /provider source "app.terraform.io\/acme\/aws" is not one of this package's providers: expected \[HOSTNAME\/\]NAMESPACE\/<elasticpath\|sendcloud>/,
  );
  expect(fs.existsSync(path.join(dir, 'install'))).toBe(false);
});

test('the command reads the registry from the app\'s cdktf.json context, or takes --source', () => {
  const app = path.join(dir, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'cdktf.json'), JSON.stringify({ app: 'node main.js', context: { 'commerce-iac:providerRegistry': 'tfe.example.com/platform' } }));
  const cli = (args: string[]) => execFileSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'provider', 'install', ...args], { cwd: app, encoding: 'utf8', stdio: 'pipe' });
  const fromContext = cli(['--dir', path.join(dir, 'from-context')]);
  const config = fs.readFileSync(/TF_CLI_CONFIG_FILE=(.+)/.exec(fromContext)![1].trim(), 'utf8');
  expect(config).toContain('"tfe.example.com/platform/elasticpath", "tfe.example.com/platform/sendcloud"');

  const given = cli(['--dir', path.join(dir, 'given'), '--source', 'app.terraform.io/acme/sendcloud']);
  const givenConfig = fs.readFileSync(/TF_CLI_CONFIG_FILE=(.+)/.exec(given)![1].trim(), 'utf8');
  expect(givenConfig).toContain('"app.terraform.io/acme/sendcloud"]');
  expect(givenConfig).not.toContain('tfe.example.com');
});

const entry = (pid: number) => ({ Protocol: 'grpc', ProtocolVersion: 6, Pid: pid, Test: true, Addr: { Network: 'unix', String: `/tmp/plugin${pid}` } });

test('warm providers are offered under the full address of each source a stack names them by', () => {
  const printed = { 'registry.terraform.io/commerce-iac/elasticpath': entry(21), 'registry.terraform.io/commerce-iac/sendcloud': entry(22) };
  const offered = reattachUnderEveryHost(printed, ['app.terraform.io/acme/elasticpath', 'Platform/sendcloud', 'app.terraform.io/acme/aws']);
  expect(offered['app.terraform.io/acme/elasticpath']).toEqual(entry(21));
  expect(offered['registry.terraform.io/platform/sendcloud']).toEqual(entry(22));
  expect(Object.keys(offered).filter((address) => address.endsWith('/aws'))).toEqual([]);
});
