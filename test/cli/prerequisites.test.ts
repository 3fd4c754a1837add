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
const { checkNode, supportedNodeRanges } = require('../../scripts/prerequisites.js') as {
  checkNode(version: string, ranges?: unknown): string[];
  supportedNodeRanges(engines?: string): unknown;
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

test('the test suite asks only for what npm ci cannot install: no PostgreSQL, no specs beside the clone', () => {
  // A PATH with terraform and node alone: no psql, no postgres, no system tools.
  const tools = fs.mkdtempSync(path.join(os.tmpdir(), 'prerequisites-path-'));
  try {
    const terraform = spawnSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' }).stdout.trim();
    fs.symlinkSync(terraform, path.join(tools, 'terraform'));
    fs.symlinkSync(process.execPath, path.join(tools, 'node'));
    const result = spawnSync(process.execPath, ['scripts/prerequisites.js', 'tests'], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, PATH: tools } });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  } finally {
    fs.rmSync(tools, { recursive: true, force: true });
  }
});

describe("Node versions, as package.json's engines states them", () => {
  const engines = (require('../../package.json') as { engines: { node: string } }).engines.node;

  test('engines names the lines the check reads', () => {
    expect(engines).toBe('^20.19.0 || ^22.12.0 || >=24.0.0');
  });

  test.each(['v20.19.0', 'v20.20.2', 'v22.12.0', 'v22.19.1', 'v24.0.0', 'v25.1.0'])('%s is accepted', (version) => {
    expect(checkNode(version)).toEqual([]);
  });

  test.each(['v18.20.4', 'v20.18.3', 'v21.7.3', 'v22.11.0', 'v23.11.1'])('fails when Node is %s, naming the accepted minors', (version) => {
    expect(checkNode(version)).toEqual([
      `Node.js 20.19 or a later 20.x, 22.12 or a later 22.x, or 24 or later (this is ${version}); package.json's engines.node says the same`,
    ]);
  });

  test('fails when engines uses a form the check does not read, naming the field', () => {
    expect(() => supportedNodeRanges('>=20.19.0 <21 || ~22.12.0')).toThrow(
      'package.json engines.node: ">=20.19.0 <21" is not of the form ^X.Y.Z or >=X.Y.Z, the forms scripts/prerequisites.js reads',
    );
  });
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
