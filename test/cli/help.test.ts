/**
 * What a new user meets first: `--help`, `help` and each command's `--help` print usage on
 * stdout and exit 0; a progress line is a line of its own before an error.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/workspace';

const BIN = path.join(REPO_ROOT, 'bin', 'cdktf-integrations.js');

function cli(args: string[], cwd = REPO_ROOT) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test.each([['--help'], ['-h'], ['help']])('cdktf-integrations %s lists every command on stdout and exits 0', (flag) => {
  const { code, stdout, stderr } = cli([flag]);
  expect(code).toBe(0);
  expect(stderr).toBe('');
  expect(stdout).toMatch(/^usage: cdktf-integrations <command>/);
  for (const command of ['emulate', 'provider install', 'drift']) expect(stdout).toContain(`  ${command} [`);
});

test.each([
  [['drift', '--help'], /^usage: cdktf-integrations drift [\s\S]*--terraform-binary PATH/],
  [['provider', '--help'], /^usage: cdktf-integrations provider install \[--dir DIR\]/],
  [['provider', 'install', '--help'], /^usage: cdktf-integrations provider install \[--dir DIR\]/],
  [['emulate', '--help'], /^usage: cdktf-integrations emulate /],
  [['help', 'drift'], /^usage: cdktf-integrations drift /],
])('cdktf-integrations %j prints that command\'s usage on stdout and exits 0', (args, usage) => {
  const { code, stdout, stderr } = cli(args as string[]);
  expect(code).toBe(0);
  expect(stderr).toBe('');
  expect(stdout).toMatch(usage);
});

test('without a command the list of commands goes to stdout and the exit code is 1, as docs/command-line.md says', () => {
  const { code, stdout, stderr } = cli([]);
  expect(code).toBe(1);
  expect(stderr).toBe('');
  expect(stdout).toMatch(/^usage: cdktf-integrations <command>/);
  expect(stdout).toContain('Without a command this help goes to stdout and the exit code is 1.');
});

test('provider install reads its options from its table: --dir=DIR is taken, a missing value and an unknown option are refused', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-integrations-install-'));
  try {
    const installed = cli(['provider', 'install', `--dir=${dir}`]);
    expect(installed.code).toBe(0);
    expect(installed.stdout).toMatch(/^export TF_CLI_CONFIG_FILE=/);
    expect(cli(['provider', 'install', '--dir'])).toMatchObject({ code: 1, stderr: '--dir needs a folder: cdktf-integrations provider install --dir ./.providers\n' });
    expect(cli(['provider', 'install', '--source', '--dir', dir])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^--source needs an address/) });
    expect(cli(['provider', 'install', '--mirror', dir])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^unknown option --mirror\nusage: cdktf-integrations provider install/) });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a progress line ends before the error that follows it', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-integrations-no-app-'));
  try {
    const { code, stderr } = cli(['drift', '--app-dir', empty]);
    expect(code).toBe(1);
    expect(stderr.split('\n')).toEqual(['synth…', expect.stringMatching(/^cdktf-integrations drift: .* has no cdktf\.json/), '']);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});
