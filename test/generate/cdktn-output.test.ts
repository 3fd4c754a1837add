/**
 * `generate` for a CDK Terrain app: the module imports from `cdktn` and this package's
 * `cdktf-commerce-integrations/cdktn` entry, chosen by --cdktn or found in the app's
 * package.json, and it compiles under tsc --strict against the cdktn entry's declarations,
 * made here as `npm run build` makes dist/cdktn (tsc's declarations with each `cdktf`
 * specifier rewritten), in a private folder so a pack running at the same time is not disturbed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseGenerateArguments } from '../../src/cli/generate';
import { detectCdkLibrary, renderIntegrationsCode } from '../../src/generate';
import type { EpIntegration } from '../../api/elasticpath';
import { runProcess } from '../drift-e2e/support';
import { REPO_ROOT } from '../helpers/workspace';
import { ELASTIC_PATH_STORE, SENDCLOUD_ACCOUNT } from './store';

const { rewriteCdktfSpecifiers } = require('../../scripts/build.js') as { rewriteCdktfSpecifiers: (text: string) => string };

jest.setTimeout(300_000);

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'generate-cdktn-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const rendered = () =>
  renderIntegrationsCode({
    elasticpath: ELASTIC_PATH_STORE.map((seed) => ({ ...seed, type: 'integration' }) as EpIntegration),
    sendcloud: SENDCLOUD_ACCOUNT.map((integration) => ({ ...integration })),
    cdk: 'cdktn',
  });

test('the app\'s CDK library comes from --cdktn/--cdktf, else from the nearest package.json', () => {
  const app = (dependencies: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(work, 'app-'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies }));
    fs.mkdirSync(path.join(dir, 'src'));
    return path.join(dir, 'src');
  };
  expect(detectCdkLibrary(app({ cdktn: '^0.24.0', constructs: '^10.7.0' }))).toMatchObject({ cdk: 'cdktn' });
  expect(detectCdkLibrary(app({ cdktf: '^0.21.0', constructs: '^10.4.0' }))).toMatchObject({ cdk: 'cdktf' });
  expect(parseGenerateArguments(['--cdktn', '--out', 'x.ts'])).toMatchObject({ cdk: 'cdktn', out: 'x.ts' });
  expect(() => parseGenerateArguments(['--cdktn', '--cdktf'])).toThrow(/exclude each other/);
});

test('--cdktn output imports only from cdktn and the cdktn entry, and compiles against that entry under tsc --strict', async () => {
  const code = rendered().code;
  expect(code).toContain("import { TerraformVariable } from 'cdktn';");
  expect(code).toMatch(/\} from 'cdktf-commerce-integrations\/cdktn';/);
  expect(code).not.toMatch(/from 'cdktf(-commerce-integrations)?'/);

  // The cdktn entry's declarations, made as scripts/build.js --cdktn-entry makes dist/cdktn.
  const declarations = path.join(work, 'lib');
  const emitted = await runProcess(process.execPath, [
    path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p', path.join(REPO_ROOT, 'tsconfig.build.json'), '--emitDeclarationOnly', '--declaration', '--outDir', declarations,
  ]);
  expect(emitted.stdout + emitted.stderr).toBe('');
  const app = path.join(work, 'my-cdktn-app');
  const entry = path.join(app, 'node_modules', 'cdktf-commerce-integrations');
  const copy = (from: string, to: string) => {
    fs.mkdirSync(to, { recursive: true });
    for (const item of fs.readdirSync(from, { withFileTypes: true })) {
      if (item.isDirectory()) copy(path.join(from, item.name), path.join(to, item.name));
      else fs.writeFileSync(path.join(to, item.name), rewriteCdktfSpecifiers(fs.readFileSync(path.join(from, item.name), 'utf8')));
    }
  };
  copy(declarations, path.join(entry, 'dist', 'cdktn'));
  fs.writeFileSync(
    path.join(entry, 'package.json'),
    JSON.stringify({ name: 'cdktf-commerce-integrations', exports: { './cdktn': { types: './dist/cdktn/src/index.d.ts' } } }),
  );
  // An app without cdktf: a stray `cdktf` import in the output or the entry fails the compile.
  for (const name of ['cdktn', 'constructs', '@types/node']) {
    fs.mkdirSync(path.dirname(path.join(app, 'node_modules', name)), { recursive: true });
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules', name), path.join(app, 'node_modules', name), 'dir');
  }
  fs.writeFileSync(path.join(app, 'existing-integrations.ts'), code);
  fs.writeFileSync(
    path.join(app, 'main.ts'),
    [
      "import { App, TerraformStack } from 'cdktn';",
      "import { ElasticPathProvider, SendcloudProvider } from 'cdktf-commerce-integrations/cdktn';",
      "import { ExistingIntegrations } from './existing-integrations';",
      'const app = new App();',
      "const stack = new TerraformStack(app, 'adopted');",
      "new ElasticPathProvider(stack, 'elasticpath');",
      "new SendcloudProvider(stack, 'sendcloud');",
      "new ExistingIntegrations(stack, 'existing');",
      'app.synth();',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'node16', moduleResolution: 'node16', skipLibCheck: true, types: ['node'] },
      files: ['main.ts', 'existing-integrations.ts'],
    }),
  );
  const tsc = await runProcess(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app]);
  expect(tsc.stdout + tsc.stderr).toBe('');
  expect(tsc.code).toBe(0);
});
