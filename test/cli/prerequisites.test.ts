/**
 * The demo and the test suite stop at once, with one message naming what is missing; the
 * demo picks a CDK command line that runs on this Node; the cdktn entry is the cdktf one
 * with its module specifiers rewritten.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/workspace';

const { chooseCdkCli } = require('../../scripts/cdk-cli.js') as {
  chooseCdkCli(dir: string, nodeVersion?: string): { name: string; bin: string; why: string };
};
const { rewriteCdktfSpecifiers } = require('../../scripts/build.js') as { rewriteCdktfSpecifiers(text: string): string };

test('npm run demo without terraform on the PATH stops at once and names it', () => {
  const result = spawnSync(process.execPath, ['scripts/run-ts.js', 'scripts/demo.ts'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, PATH: path.join(os.tmpdir(), 'no-such-bin') },
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/npm run demo cannot run, missing:\n {2}- terraform 1\.11\.0 or later on the PATH \(none found\)\nSee "Prerequisites" in README\.md\./);
  expect(result.stdout).not.toMatch(/Apply complete|emulator/);
});

test('the test suite checks the same way before building anything', () => {
  const result = spawnSync(process.execPath, ['-e', "require('./scripts/prerequisites.js').assertPrerequisites('tests')"], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, PATH: path.join(os.tmpdir(), 'no-such-bin') },
  });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toMatch(/the test suite cannot run, missing:\n {2}- terraform 1\.11\.0 or later on the PATH/);
});

describe('the CDK command line for the demo', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-cli-choice-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('with neither CLI installed, the error names both and the Node versions they need', () => {
    expect(() => chooseCdkCli(dir, 'v24.0.0')).toThrow(/cdktf-cli is not installed; cdktn-cli is not installed/);
  });

  test('cdktn-cli is not chosen on a Node older than 22.19', () => {
    fs.mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', '.bin', 'cdktn'), '');
    expect(() => chooseCdkCli(dir, 'v22.18.0')).toThrow(/cdktn-cli needs Node 22\.19\.0 or later \(this is v22\.18\.0\)/);
    expect(chooseCdkCli(dir, 'v24.1.0')).toMatchObject({ name: 'cdktn', why: 'cdktf-cli is not installed' });
  });

  test("this repository's own install has one that runs here", () => {
    expect(['cdktf', 'cdktn']).toContain(chooseCdkCli(REPO_ROOT).name);
  });
});

test('the cdktn entry rewrites module specifiers only', () => {
  const compiled = [
    'const cdktf_1 = require("cdktf");',
    "import * as cdktf from 'cdktf';",
    'export declare function f(): import("cdktf").TerraformStack;',
    'const lib = require("cdktf/lib/tokens");',
    '// run "cdktf plan" with the cdktf.json of cdktf-cli',
    'const other = require("cdktf-cli");',
  ].join('\n');
  expect(rewriteCdktfSpecifiers(compiled)).toBe(
    [
      'const cdktf_1 = require("cdktn");',
      "import * as cdktf from 'cdktn';",
      'export declare function f(): import("cdktn").TerraformStack;',
      'const lib = require("cdktn/lib/tokens");',
      '// run "cdktf plan" with the cdktf.json of cdktf-cli',
      'const other = require("cdktf-cli");',
    ].join('\n'),
  );
});
