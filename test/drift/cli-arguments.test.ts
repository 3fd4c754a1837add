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

test('--stack-timeout takes a duration as --since does (default 10m), and refuses anything else naming the fix', () => {
  expect(parseDriftArguments([]).stackTimeoutMs).toBe(600_000);
  expect(parseDriftArguments(['--stack-timeout', '90s']).stackTimeoutMs).toBe(90_000);
  expect(parseDriftArguments(['--stack-timeout', '1h30m']).stackTimeoutMs).toBe(5_400_000);
  expect(() => parseDriftArguments(['--stack-timeout', '10'])).toThrow('--stack-timeout 10 is not a duration: write e.g. 90s, 5m or 1h');
  expect(() => parseDriftArguments(['--stack-timeout', '0s'])).toThrow('--stack-timeout 0s is not a duration');
});
