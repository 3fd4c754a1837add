/**
 * docs/providers/ is generated from the providers' schema declarations (scripts/generate-docs.ts,
 * run by `npm run generate`): it fails here when a declaration changed and the pages were not
 * regenerated, and the HCL examples the pages show must pass `terraform validate`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadProvider } from '../../provider/main';
import { PROVIDER_NAMES } from '../../provider/names';
import { DEFAULT_DOCS_DIR, EXAMPLES_DIR, renderProviderDocs } from '../../scripts/generate-docs';
import { terraform } from '../../src/drift/terraform';
import { providerInstall } from '../helpers/workspace';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

test('the committed provider docs are what the schema declarations generate (else run `npm run generate`)', () => {
  const pages = renderProviderDocs();
  expect(filesUnder(DEFAULT_DOCS_DIR)).toEqual([...pages.keys()].sort());
  for (const [relative, text] of pages) {
    expect({ page: relative, text: fs.readFileSync(path.join(DEFAULT_DOCS_DIR, relative), 'utf8') }).toEqual({ page: relative, text });
  }
});

test('every resource and data source has a page with its arguments, and resources an import section', () => {
  const pages = renderProviderDocs();
  for (const name of PROVIDER_NAMES) {
    const provider = loadProvider(name)!;
    expect(pages.get(path.join(name, 'index.md'))).toContain('## Example Usage');
    for (const [kind, entries] of [['resources', provider.resources], ['data-sources', provider.dataSources]] as const) {
      for (const entry of entries) {
        const page = pages.get(path.join(name, kind, `${entry.typeName.slice(name.length + 1)}.md`));
        expect(page).toBeDefined();
        for (const attribute of Object.keys(entry.schema.attributes)) expect(page).toContain(`- \`${attribute}\` (`);
        expect(page).toContain('```terraform');
        if ('importState' in entry && entry.importState) expect(page).toContain(`terraform import ${entry.typeName}.example <id>`);
      }
    }
  }
});

test.each(PROVIDER_NAMES)('the %s examples in the docs pass terraform validate', async (name) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-integrations-doc-examples-'));
  try {
    const examples = path.join(EXAMPLES_DIR, name);
    for (const relative of filesUnder(examples).filter((file) => file.endsWith('.tf'))) {
      fs.copyFileSync(path.join(examples, relative), path.join(dir, relative.replace(/[\\/]/g, '__')));
    }
    const env = { TF_CLI_CONFIG_FILE: providerInstall().cliConfigFile };
    await terraform(['init', '-input=false', '-no-color', '-backend=false'], { cwd: dir, env });
    const validate = await terraform(['validate', '-json', '-no-color'], { cwd: dir, env, okCodes: [1] });
    expect(JSON.parse(validate.stdout)).toMatchObject({ valid: true, error_count: 0 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
