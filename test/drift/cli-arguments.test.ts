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
