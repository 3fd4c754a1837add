/**
 * examples/quickstart: its synthesized configuration passes `terraform validate` with the
 * offline providers, and `npm run demo` (deploy, clean plan, drift found and reconciled)
 * succeeds end to end.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { terraform } from '../../src/drift/terraform';
import { REPO_ROOT, providerInstall } from '../helpers/workspace';

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

test('the quickstart synthesizes and terraform validate accepts it', async () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-integrations-quickstart-'));
  try {
    const appDir = path.join(REPO_ROOT, 'examples', 'quickstart');
    const { app } = JSON.parse(fs.readFileSync(path.join(appDir, 'cdktf.json'), 'utf8')) as { app: string };
    const [command, ...args] = app.split(' ');
    const synth = await run(command, args, { cwd: appDir, env: { CDKTF_OUTDIR: outdir } });
    expect(synth.code).toBe(0);
    const stackDir = path.join(outdir, 'stacks', 'quickstart');
    const env = { TF_CLI_CONFIG_FILE: providerInstall().cliConfigFile };
    await terraform(['init', '-input=false', '-no-color', '-backend=false'], { cwd: stackDir, env });
    const validate = await terraform(['validate', '-json', '-no-color'], { cwd: stackDir, env });
    expect(JSON.parse(validate.stdout)).toMatchObject({ valid: true, error_count: 0 });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

test('npm run demo deploys, finds the out-of-band change and reconciles it', async () => {
  const demo = await run(process.execPath, ['scripts/run-ts.js', 'scripts/demo.ts'], { cwd: REPO_ROOT });
  expect(demo.output).toMatch(/Apply complete! Resources: 6 added/);
  expect(demo.output).toMatch(/terraform plan: no changes/);
  expect(demo.output).toMatch(/configuration\.url\s+https:\/\/hooks\.example\.com\/elasticpath\/orders\s+https:\/\/changed-by-hand\.example\.com\/hook/);
  expect(demo.output).toMatch(/reconciled: applied, and a new plan is clean \(1 undeclared integration\(s\) still reported\)/);
  // The hand-made integration: reported as unmanaged in text and markdown, not pruned.
  expect(demo.output).toMatch(/elasticpath store default\s+not declared in code: [0-9a-f-]{36} "Hand-made test hook"\s+reported only \(prune is off\)/);
  expect(demo.output).toMatch(/"Hand-made test hook" is still there: prune is off/);
  expect(demo.output).toMatch(/\| elasticpath \| `default` \| `[0-9a-f-]{36}` \| `Hand-made test hook` \| `webhook` \| `https:\/\/requestbin\.example\.net\/test` \| reported only \(prune is off\) \|/);
  expect(demo.output).not.toContain('hand-made-demo-secret');
  expect(demo.output).toMatch(/In sync: remote objects match the code/);
  expect(demo.output).not.toMatch(/example-only-(webhook-secret|aws-secret-access-key|stomp-password)|emulator-client-secret|emulator-secret-key/);
  expect(demo.code).toBe(0);
}, 300_000);
