/**
 * `provider install` on Windows: Terraform there runs providers only from .exe files, and the
 * local mirror holds shell launchers running Node, so the command refuses before it writes
 * anything and names the route that works (the released executables). The platform is passed
 * in: nothing here runs on Windows.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProviderCommand } from '../../src/cli/provider-install';
import { installProviders } from '../../src/providers/install';

let dir: string;
let bundle: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-integrations-windows-'));
  bundle = path.join(dir, 'provider.js');
  fs.writeFileSync(bundle, '// stands in for dist/provider.js\n');
});

afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('fails when the platform is Windows, naming the released executables, and writes nothing', () => {
  const target = path.join(dir, 'install');
  expect(() => installProviders({ dir: target, bundle, platform: 'win32' })).toThrow(
    /provider install does not work on Windows: Terraform there runs providers only from \.exe files.*released windows_amd64 executables.*registry.*docs\/installing\.md/,
  );
  expect(fs.existsSync(target)).toBe(false);
});

test('the command exits 1 on Windows with the message on stderr and nothing on stdout', async () => {
  const target = path.join(dir, 'install');
  const stderr: string[] = [];
  const stdout: string[] = [];
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => stderr.push(String(chunk)) > 0);
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => stdout.push(String(chunk)) > 0);
  expect(await runProviderCommand(['install', '--dir', target], 'win32')).toBe(1);
  expect(stderr.join('')).toMatch(/does not work on Windows.*released windows_amd64 executables/);
  expect(stdout).toEqual([]);
  expect(fs.existsSync(target)).toBe(false);
});

test('on Linux the same call lays out the mirror', () => {
  const installed = installProviders({ dir: path.join(dir, 'install'), bundle, platform: 'linux' });
  expect(fs.existsSync(installed.cliConfigFile)).toBe(true);
});
