/** The admin client example in docs/emulators.md compiles against the library as published. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The ```ts block after the "**The admin client.**" paragraph. */
function adminExample(): string {
  const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'emulators.md'), 'utf8');
  const section = doc.slice(doc.indexOf('**The admin client.**'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('docs/emulators.md has no ```ts block after "**The admin client.**"');
  return match[1];
}

test('the admin client example in docs/emulators.md type-checks', () => {
  const example = adminExample();
  expect(example).toMatch(/from 'cdktf-commerce-integrations'/);
  // Top-level await needs a module: the example runs as the body of an async function.
  const imports = example.split('\n').filter((line) => line.startsWith('import '));
  const body = example.split('\n').filter((line) => !line.startsWith('import '));
  const source = [
    ...imports.map((line) => line.replace("'cdktf-commerce-integrations'", JSON.stringify(path.join(REPO_ROOT, 'src')))),
    'export async function example(): Promise<void> {',
    ...body,
    '}',
  ].join('\n');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-doc-'));
  const file = path.join(dir, 'example.ts');
  fs.writeFileSync(file, source);
  try {
    const program = ts.createProgram([file], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      lib: ['lib.es2022.d.ts'],
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      resolveJsonModule: true,
      noEmit: true,
      types: ['node'],
      typeRoots: [path.join(REPO_ROOT, 'node_modules', '@types')],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
