import { parseDriftArguments } from '../../src/cli/drift';

test('--format picks text, json or markdown; --json is short for --format json', () => {
  expect(parseDriftArguments([]).format).toBe('text');
  expect(parseDriftArguments(['--format', 'markdown']).format).toBe('markdown');
  expect(parseDriftArguments(['--json']).format).toBe('json');
  expect(() => parseDriftArguments(['--format', 'html'])).toThrow('--format html is not a report format: use text, json, markdown');
});

test('--report FORMAT=FILE adds renderings of the same report, and explains its shape when wrong', () => {
  expect(parseDriftArguments(['--report', 'json=drift.json', '--report', 'markdown=out/drift.md']).reports).toEqual([
    { format: 'json', file: 'drift.json' },
    { format: 'markdown', file: 'out/drift.md' },
  ]);
  expect(() => parseDriftArguments(['--report', 'drift.md'])).toThrow('--report drift.md: give FORMAT=FILE, e.g. --report markdown=drift.md');
});

test('a missing value, an unknown option and a stray argument are refused by name; the later of --json and --format wins', () => {
  expect(() => parseDriftArguments(['--app-dir'])).toThrow('--app-dir needs a value');
  expect(() => parseDriftArguments(['--stack', '--json'])).toThrow('--stack needs a value');
  expect(() => parseDriftArguments(['--verbose'])).toThrow('unknown option --verbose: see `cdktf-integrations drift --help`');
  expect(() => parseDriftArguments(['stack-a'])).toThrow('unknown option stack-a');
  expect(parseDriftArguments(['--format', 'markdown', '--json']).format).toBe('json');
  expect(parseDriftArguments(['--json', '--format=markdown']).format).toBe('markdown');
  expect(parseDriftArguments(['--stack', 'a', '--stack', 'b', '--no-warm-providers', '-h'])).toMatchObject({ stacks: ['a', 'b'], warmProviders: false, help: true });
});
