/**
 * The shell and TypeScript blocks of README.md and docs/*.md (every page, new ones included)
 * are run or type-checked, so a documented command or snippet that stops working fails here.
 *
 * The rule, for whoever writes a page:
 * - A ```ts / ```typescript block is type-checked under --strict as the body of an async
 *   function whose `this` is a TerraformStack (snippets written inside a stack work). Its
 *   imports stay imports; names it uses without importing them come from `cdktf` (or `cdktn`
 *   when the block imports cdktn) and this library; `app`, `stack`, `stores`, `req`, `rawBody`
 *   and `secretKey` are declared for it. `cdktf-commerce-integrations` (and `/cdktn`) resolve
 *   to this repository's sources.
 * - A ```sh / ```bash / ```shell block runs with `sh -e` in an empty folder, against running
 *   emulators: `$EP` and `$SC` are their URLs, `cdktf-integrations` and `npx cdktf-integrations`
 *   run this repository's CLI; nothing else is installed.
 * - A block that cannot run that way (real credentials, a deploy, a long-running process, a
 *   synopsis with [options]) carries, on the line right above its fence,
 *       <!-- docs-test: skip REASON -->
 *   with the reason said (e.g. where a test covers it instead). Other languages (hcl, json,
 *   text, ...) are not blocks of this test.
 * The test prints what it covered: blocks type-checked, run and skipped (with reasons), per page.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type RunningEmulators, startEmulators } from '../../src/emulators';
import { runProcess } from '../drift-e2e/support';
import { REPO_ROOT } from '../helpers/workspace';

jest.setTimeout(300_000);

const SKIP = /^<!--\s*docs-test:\s*skip\s+(\S.*?)\s*-->$/;
const SHELL = new Set(['sh', 'bash', 'shell']);
const TYPESCRIPT = new Set(['ts', 'typescript']);

interface Block {
  page: string;
  line: number;
  kind: 'shell' | 'typescript';
  code: string;
  skip?: string;
}

function pages(): string[] {
  const docs = fs.readdirSync(path.join(REPO_ROOT, 'docs')).filter((name) => name.endsWith('.md')).sort();
  return ['README.md', ...docs.map((name) => path.join('docs', name))];
}

/** The shell and TypeScript blocks of a page; a skip annotation must sit right above a fence of one of them. */
export function blocksOf(page: string, text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)\s*$/.exec(lines[i]);
    if (!fence) {
      if (/^<!--.*docs-test/.test(lines[i].trim()) && !SKIP.test(lines[i].trim())) throw new Error(`${page}:${i + 1}: write the annotation as <!-- docs-test: skip REASON -->`);
      continue;
    }
    const end = lines.findIndex((line, index) => index > i && /^```\s*$/.test(line));
    if (end < 0) throw new Error(`${page}:${i + 1}: the block is never closed`);
    const language = fence[1];
    const annotation = SKIP.exec(lines[i - 1]?.trim() ?? '');
    const kind = SHELL.has(language) ? 'shell' : TYPESCRIPT.has(language) ? 'typescript' : undefined;
    if (annotation && !kind) throw new Error(`${page}:${i}: a skip annotation above a ${language || 'plain'} block, which this test never runs: remove it`);
    if (kind) blocks.push({ page, line: i + 1, kind, code: lines.slice(i + 1, end).join('\n'), ...(annotation ? { skip: annotation[1] } : {}) });
    i = end;
  }
  return blocks;
}

const all = pages().flatMap((page) => blocksOf(page, fs.readFileSync(path.join(REPO_ROOT, page), 'utf8')));
const covered: string[] = [];

afterAll(() => {
  const count = (predicate: (block: Block) => boolean) => all.filter(predicate).length;
  process.stdout.write(
    [
      `docs blocks: ${all.length} in ${pages().length} pages; type-checked ${count((b) => b.kind === 'typescript' && !b.skip)}, run ${count((b) => b.kind === 'shell' && !b.skip)}, skipped ${count((b) => b.skip !== undefined)}`,
      ...covered,
      ...all.filter((block) => block.skip).map((block) => `  skipped ${block.page}:${block.line} (${block.kind}): ${block.skip}`),
      '',
    ].join('\n'),
  );
});

/* TypeScript: one program over every block, one file per block. */

const GLOBALS = new Set(['Promise', 'JSON', 'Object', 'Date', 'Error', 'Array', 'Math', 'Buffer', 'Record', 'Map', 'Set', 'String', 'Number', 'Boolean', 'Partial', 'Readonly', 'TODO']);

/** A block as a module: its imports on top, the rest inside an async function with the free names provided. */
function asModule(block: Block): string {
  const statements = block.code.split('\n');
  const importLines: string[] = [];
  const body: string[] = [];
  let inImport = false;
  for (const line of statements) {
    if (inImport || /^import\b/.test(line)) {
      importLines.push(line);
      inImport = !/from\s+['"][^'"]+['"];?\s*$/.test(line) && !/^import\s+['"]/.test(line);
    } else body.push(line);
  }
  const imports = importLines.join('\n');
  const imported = new Set([...imports.matchAll(/\b([A-Za-z_$][\w$]*)\s*(?:,|\}|$)/gm)].map((match) => match[1]));
  const cdk = /from\s+'cdktn'/.test(imports) ? 'cdktn' : 'cdktf';
  const withoutComments = body.join('\n').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/'[^'\n]*'|"[^"\n]*"|`[^`]*`/g, "''");
  const declared = new Set([...withoutComments.matchAll(/\b(?:class|interface|type|enum|const|let)\s+([A-Z][\w$]*)/g)].map((match) => match[1]));
  // An object's key (`{ READY_TO_SEND: '1' }`) is no name the block uses.
  const free = [...new Set([...withoutComments.matchAll(/(?<![.\w$])([A-Z][\w$]*)\b(?!\s*:)/g)].map((match) => match[1]))].filter(
    (name) => !imported.has(name) && !declared.has(name) && !GLOBALS.has(name),
  );
  return [
    `// ${block.page}:${block.line}`,
    imports,
    `import * as __cdk from '${cdk}';`,
    "import * as __library from 'cdktf-commerce-integrations';",
    'declare const app: __cdk.App;',
    'declare const stack: __cdk.TerraformStack;',
    'declare const stores: { name: string; id: string; production: boolean }[];',
    'declare const req: { headers: Record<string, string | undefined> };',
    'declare const rawBody: string;',
    'declare const secretKey: string;',
    `export async function example(this: __cdk.TerraformStack): Promise<void> {`,
    ...(free.length > 0 ? [`  const { ${free.join(', ')} } = { ...__cdk, ...__library };`] : []),
    body.join('\n'),
    '}',
    '',
  ].join('\n');
}

test('the TypeScript blocks type-check under --strict', async () => {
  const blocks = all.filter((block) => block.kind === 'typescript' && !block.skip);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-ts-'));
  try {
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const files = blocks.map((block, index) => {
      const name = `block-${index}.ts`;
      fs.writeFileSync(path.join(dir, name), asModule(block));
      return name;
    });
    const library = path.join(REPO_ROOT, 'src', 'index.ts');
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true, noEmit: true, target: 'ES2022', module: 'commonjs', moduleResolution: 'node', esModuleInterop: true, skipLibCheck: true,
          resolveJsonModule: true, types: ['node'], noUnusedLocals: false, baseUrl: '.',
          paths: { 'cdktf-commerce-integrations': [library], 'cdktf-commerce-integrations/cdktn': [library] },
        },
        files,
      }),
    );
    const tsc = await runProcess(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir]);
    // Errors name the block's page and line through the file's first line.
    const errors = (tsc.stdout + tsc.stderr)
      .split('\n')
      .filter((line) => /block-\d+\.ts\(/.test(line))
      .map((line) => {
        const index = Number(/block-(\d+)\.ts/.exec(line)![1]);
        return `${blocks[index].page}:${blocks[index].line}: ${line.replace(/^.*block-\d+\.ts\(\d+,\d+\): /, '')}`;
      });
    expect({ errors, output: errors.length === 0 && tsc.code !== 0 ? tsc.stdout + tsc.stderr : '' }).toEqual({ errors: [], output: '' });
    covered.push(...blocks.map((block) => `  type-checked ${block.page}:${block.line}`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/* Shell: each block against one pair of emulators. */

describe('the shell blocks run against the emulators', () => {
  const blocks = all.filter((block) => block.kind === 'shell' && !block.skip);
  let emulators: RunningEmulators;
  let bin: string;

  beforeAll(async () => {
    emulators = await startEmulators();
    bin = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-bin-'));
    const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
    fs.writeFileSync(path.join(bin, 'cdktf-integrations'), `#!/bin/sh\nexec '${process.execPath}' '${cli}' "$@"\n`, { mode: 0o755 });
    fs.writeFileSync(
      path.join(bin, 'npx'),
      `#!/bin/sh\nif [ "$1" = cdktf-integrations ]; then shift; exec '${process.execPath}' '${cli}' "$@"; fi\necho "docs test: npx $1 is not available here: annotate the block <!-- docs-test: skip REASON -->" >&2\nexit 127\n`,
      { mode: 0o755 },
    );
  });
  afterAll(async () => {
    await emulators?.close();
    if (bin) fs.rmSync(bin, { recursive: true, force: true });
  });

  test.each(blocks.map((block) => [`${block.page}:${block.line}`, block] as const))('%s', async (_where, block) => {
    await fetch(`${emulators.elasticpath.url}/__admin/reset`, { method: 'POST' });
    await fetch(`${emulators.sendcloud.url}/__admin/reset`, { method: 'POST' });
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-sh-'));
    try {
      const result = await runProcess('sh', ['-e', '-c', block.code], {
        cwd,
        env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, EP: emulators.elasticpath.url, SC: emulators.sendcloud.url, CHECKPOINT_DISABLE: '1' },
      });
      expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ code: 0, stderr: '' });
      covered.push(`  ran ${block.page}:${block.line}`);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});
