/**
 * A new CDK Terrain app outside the repository: `cdktn`, `cdktn-cli`, `constructs` inside
 * cdktn's range and the tsconfig of cdktn's own TypeScript template (module CommonJS, which
 * ignores a package's exports map for types). It installs the packed tarball, imports the
 * quick-start stack's names from `cdktf-commerce-integrations/cdktn`, type-checks with
 * `tsc --noEmit --strict`, deploys with `cdktn deploy`, and `cdktf-integrations drift` on it
 * exits 0, then 2 after an out-of-band change.
 *
 * cdktn-cli needs Node 22.19 or later: on Node 20 the same app is deployed with this
 * repository's cdktf-cli (which deploys cdktn apps too); CI runs this suite on Node 24 as well.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type RunningEmulators, providerEnvironment, startEmulators } from '../../src/emulators';
import { DEV_DEPENDENCIES, deployCliFor, errorClassesMissingFrom, installApp, installProvidersFor, packRepository, run } from '../helpers/packaged-app';
import { REPO_ROOT } from '../helpers/workspace';

let emulators: RunningEmulators;
let work: string;

beforeAll(async () => {
  emulators = await startEmulators();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktn-integrations-user-app-'));
});

afterAll(async () => {
  await emulators?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** examples/quickstart/main.ts as a cdktn user writes it: the same stack, imported from the package's cdktn entry. */
function quickstartForCdktn(): string {
  const source = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'quickstart', 'main.ts'), 'utf8');
  const rewritten = source.replace(/from 'cdktf';/g, "from 'cdktn';").replace(/from '\.\.\/\.\.\/src';/g, "from 'cdktf-commerce-integrations/cdktn';");
  expect(rewritten).toContain("from 'cdktn';");
  expect(rewritten).toContain("from 'cdktf-commerce-integrations/cdktn';");
  expect(rewritten).not.toMatch(/from '(cdktf|\.\.\/\.\.\/src)'/);
  return rewritten;
}

test('a cdktn app installs the tarball, type-checks strictly, deploys, and drift finds an out-of-band change', async () => {
  const tarball = await packRepository(work);
  const appDir = path.join(work, 'my-cdktn-infra');
  const cli = deployCliFor('cdktn');
  await installApp(
    appDir,
    { 'cdktf-commerce-integrations': `file:${tarball}`, cdktn: DEV_DEPENDENCIES.cdktn, constructs: DEV_DEPENDENCIES.constructs },
    { 'cdktn-cli': DEV_DEPENDENCIES['cdktn-cli'], typescript: DEV_DEPENDENCIES.typescript, '@types/node': DEV_DEPENDENCIES['@types/node'] },
  );
  // On a Node where cdktn-cli cannot run, this repository's cdktf-cli deploys the app (it runs the app's own `node main.js`).
  const deployCommand = cli.package === 'cdktn-cli' ? path.join(appDir, 'node_modules', '.bin', 'cdktn') : path.join(REPO_ROOT, 'node_modules', '.bin', cli.command);
  const installed = (name: string) => JSON.parse(fs.readFileSync(path.join(appDir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
  // What the app got is what cdktn asks for, with no overrides: constructs inside cdktn's peer range.
  expect(installed('constructs').version).toMatch(/^10\.[67]\./);
  // Without cdktf in the app, a stray `require('cdktf')` in the cdktn entry fails the synth.
  expect(fs.existsSync(path.join(appDir, 'node_modules', 'cdktf'))).toBe(false);
  // A caller can catch every error class of the library from the cdktn entry too.
  expect(await errorClassesMissingFrom(appDir, 'cdktf-commerce-integrations/cdktn')).toEqual([]);

  // The template's own tsconfig, as `cdktn init --template typescript` writes it.
  fs.copyFileSync(path.join(appDir, 'node_modules', 'cdktn-cli', 'bundle', 'templates', 'typescript', 'tsconfig.json'), path.join(appDir, 'tsconfig.json'));
  expect(JSON.parse(fs.readFileSync(path.join(appDir, 'tsconfig.json'), 'utf8')).compilerOptions.module).toBe('CommonJS');
  fs.writeFileSync(path.join(appDir, 'main.ts'), quickstartForCdktn());
  fs.writeFileSync(path.join(appDir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node main.js', terraformProviders: [], terraformModules: [] }));

  await run('npx', ['tsc', '--noEmit', '--strict'], appDir);
  await run('npx', ['tsc'], appDir);

  const cliConfigFile = await installProvidersFor(appDir, path.join(work, 'providers'));
  // No shared plugin cache: other suites install other launchers of the same version (scripts/demo.ts says why).
  const env = { TF_CLI_CONFIG_FILE: cliConfigFile, CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1', ...providerEnvironment(emulators) };
  const { stdout: deploy } = await run(deployCommand, ['deploy', '--auto-approve', '--skip-provider-lock'], appDir, env);
  // The four integrations and the two exclusive-management resources of the quick-start.
  expect(deploy).toMatch(/Apply complete! Resources: 6 added/);
  expect(deploy).not.toMatch(/example-only-(webhook-secret|aws-secret-access-key|stomp-password)/);

  const remote = await emulators.elasticpath.admin.integrations();
  expect(remote.map((integration) => integration.name).sort()).toEqual(['Customer broker', 'Order queue', 'Order webhook']);

  const clean = await run('npx', ['cdktf-integrations', 'drift', '--app-dir', appDir], appDir, env, [0, 1, 2]);
  expect({ code: clean.code, stderr: clean.code === 0 ? '' : clean.stderr }).toEqual({ code: 0, stderr: '' });
  expect(clean.stdout).toMatch(/In sync/);

  const webhook = remote.find((integration) => integration.name === 'Order webhook')!;
  await emulators.elasticpath.admin.patchIntegration(webhook.id, { configuration: { url: 'https://changed-by-hand.example.com/hook' } });

  const drifted = await run('npx', ['cdktf-integrations', 'drift', '--app-dir', appDir, '--skip-synth'], appDir, env, [0, 1, 2]);
  expect(drifted.code).toBe(2);
  expect(drifted.stdout).toMatch(/configuration\.url\s+https:\/\/hooks\.example\.com\/elasticpath\/orders\s+https:\/\/changed-by-hand\.example\.com\/hook/);
}, 900_000);
