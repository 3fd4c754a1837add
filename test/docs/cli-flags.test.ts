/**
 * Every option a command parses is in its help and in the README or a doc page, and every option
 * a page names for a command is one that command parses. The options are read from the tables
 * the parsers themselves read (COMMANDS' forms in src/cli/main.ts, PROVIDER_EXECUTABLE_OPTIONS in
 * provider/main.ts), so a new option without docs, or docs of an option that is gone, fails here.
 *
 * A page names an option for a command where the option follows the command's name on one
 * line of a fenced block (`cdktf-integrations drift --json`) or inside one inline code span
 * (`drift --health [--since 24h]`, `cdktf-integrations drift merge --json`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, type CommandForm, synopsisOf, usage } from '../../src/cli/main';
import { PROVIDER_EXECUTABLE_OPTIONS, PROVIDER_EXECUTABLE_USAGE } from '../../provider/main';
import { REPO_ROOT } from '../helpers/workspace';
import { codeOf, docPages, readPage } from './pages';

interface DocumentedForm extends CommandForm {
  /** Where the form's options start on a line of code. */
  pattern: RegExp;
  /** The help texts that must name each option. */
  help: { name: string; text: string }[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `--help` is handled for every command by main.ts, and documented once in the top-level help. */
const SHARED_OPTIONS = new Set(['help']);

const FORMS: DocumentedForm[] = [
  ...Object.values(COMMANDS).flatMap((command) =>
    command.forms().map((form) => ({
      ...form,
      // In a span a form may stand alone (`drift --json`); elsewhere it follows the command's name.
      pattern: new RegExp(`(?:^|cdktf-integrations\\s+)${escape(form.form)}(?=\\s|$)`),
      help: [
        { name: `${form.form} --help`, text: command.usage() },
        // The top-level help prints each command's synopsis: the lines checked here are those it shows.
        { name: 'the top-level help', text: synopsisOf(command).filter((line) => usage().includes(line)).join('\n') },
      ],
    })),
  ),
  {
    form: 'node dist/provider.js <name>',
    options: PROVIDER_EXECUTABLE_OPTIONS,
    pattern: /provider\.js\s+(?:elasticpath|sendcloud|[A-Z]+|<[^>]+>)(?=\s|$)/,
    help: [{ name: 'the provider executable\'s usage', text: PROVIDER_EXECUTABLE_USAGE }],
  },
];
// Longest first: `drift merge --json` is drift merge's, not drift's.
FORMS.sort((a, b) => b.form.length - a.form.length);

/** Where the command's arguments end on a line of shell: a pipe into another command, `;`, `&&`, `)`, a redirection or a comment. */
const END_OF_COMMAND = /\s\|\s+(?!-)|;|&&|\)|\s>|\s#/;
const OPTION = /(?<![\w-])--([a-z][a-z0-9-]*)/g;

interface Naming {
  form: string;
  option: string;
  page: string;
  code: string;
}

/** Every option a page names for one of FORMS, in its fenced blocks and inline code. */
function namings(page: string, text: string): Naming[] {
  const { blocks, spans } = codeOf(text);
  return namingsIn(page, [...blocks.flatMap(linesOf), ...spans.map((span) => span.replace(/^npx\s+/, ''))]);
}

/** Shell lines, a continued line (`\` at its end) joined with the next. */
function linesOf(code: string): string[] {
  return code.replace(/\\\n\s*/g, ' ').split('\n');
}

function namingsIn(page: string, lines: string[]): Naming[] {
  const found: Naming[] = [];
  for (const line of lines) {
    let rest = line;
    // A line may hold several commands (`a && b`); each is read on its own.
    for (;;) {
      const match = FORMS.map((form) => ({ form, at: form.pattern.exec(rest) }))
        .filter((candidate) => candidate.at !== null)
        .sort((a, b) => a.at!.index - b.at!.index || b.form.form.length - a.form.form.length)[0];
      if (!match) break;
      const after = rest.slice(match.at!.index + match.at![0].length);
      const end = after.search(END_OF_COMMAND);
      const argumentsOfCommand = end < 0 ? after : after.slice(0, end);
      for (const option of argumentsOfCommand.matchAll(OPTION)) found.push({ form: match.form.form, option: option[1], page, code: line.trim() });
      rest = end < 0 ? '' : after.slice(end);
    }
  }
  return found;
}

const named = docPages().flatMap((page) => namings(page, readPage(page)));
/** The workflows shipped in examples/: what they run must parse too. */
const WORKFLOWS = (fs.readdirSync(path.join(REPO_ROOT, 'examples'), { recursive: true }) as string[])
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => path.join('examples', file))
  .sort();
const namedInWorkflows = WORKFLOWS.flatMap((file) => namingsIn(file, linesOf(readPage(file))));

describe.each(FORMS.map((form) => [form.form, form] as const))('%s', (_name, form) => {
  const own = Object.keys(form.options).filter((option) => !SHARED_OPTIONS.has(option));

  test('every option it parses is in its help', () => {
    const missing = form.help.flatMap((help) => own.filter((option) => !new RegExp(`--${escape(option)}(?![\\w-])`).test(help.text)).map((option) => `--${option} is not in ${help.name}`));
    expect(missing).toEqual([]);
  });

  test('every option it parses is named for it in the README or a page of docs/', () => {
    const documented = new Set(named.filter((naming) => naming.form === form.form).map((naming) => naming.option));
    expect(own.filter((option) => !documented.has(option)).map((option) => `--${option}`)).toEqual([]);
  });

  test('every option a page or a shipped workflow names for it is one it parses', () => {
    const unknown = [...named, ...namedInWorkflows]
      .filter((naming) => naming.form === form.form && !(naming.option in form.options) && !SHARED_OPTIONS.has(naming.option))
      .map((naming) => `${naming.page}: --${naming.option} in \`${naming.code}\``);
    expect(unknown).toEqual([]);
  });
});

test('--help, which every command takes, is in the top-level help and the README', () => {
  expect(usage()).toContain('<command> --help');
  expect(readPage('README.md')).toMatch(/cdktf-integrations(?: <command>)? --help/);
});

test('the shipped workflows set up a maintained Node line (22 or 24), as docs/gitops.md advises', () => {
  const versions = WORKFLOWS.flatMap((file) => [...readPage(file).matchAll(/node-version:\s*['"]?([\w.]+)/g)].map((match) => `${file}: ${match[1]}`));
  expect(versions.length).toBeGreaterThanOrEqual(WORKFLOWS.length);
  expect(versions.filter((entry) => !/: (22|24)$/.test(entry))).toEqual([]);
  expect(readPage('docs/gitops.md')).toMatch(/Node 22 \(24 works as well\); Node 20 is out of maintenance/);
});

test('the shipped workflows run some of the commands (the reading above finds them)', () => {
  expect(new Set(namedInWorkflows.map((naming) => naming.form))).toEqual(new Set(['drift', 'drift merge', 'provider install']));
});
