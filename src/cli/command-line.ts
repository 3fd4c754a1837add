/**
 * The commands' arguments, read by node's `util.parseArgs` and checked with this CLI's own
 * messages (parseArgs' strict mode words its errors differently from what the commands have
 * always said, and scripts match on those).
 */
import { parseArgs } from 'node:util';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
}

export interface CommandLineSpec {
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Whether the command takes arguments that are not options (files). @default false */
  readonly positionals?: boolean;
  /** The message for an option, or a positional argument, the command does not take. */
  unknown(argument: string): string;
  /** The message for a string option given no value (nothing follows it, or another --option does). */
  missingValue(option: string): string;
  /** A separate value may begin with "--" (otherwise that means the value was left out). @default false */
  readonly dashedValues?: boolean;
}

/** One option as given, in command-line order. */
export interface GivenOption {
  /** The option's long name, e.g. "app-dir". */
  readonly name: string;
  /** As typed, e.g. "--app-dir" or "-h". */
  readonly flag: string;
  /** A string option's value. */
  readonly value?: string;
}

export interface CommandLine {
  /** By long name: a boolean option's true, a string option's last value, or every value of a repeatable one. */
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
  /** Every option in the order given, for options where the last one wins over another (--json, --format). */
  readonly given: readonly GivenOption[];
}

/** Reads `argv`; throws an Error with the spec's message at the first unknown option or missing value. */
export function parseCommandLine(argv: readonly string[], spec: CommandLineSpec): CommandLine {
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options: spec.options as Record<string, OptionSpec>,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const given: GivenOption[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (!spec.positionals) throw new Error(spec.unknown(token.value));
      continue;
    }
    if (token.kind !== 'option') continue;
    const option = spec.options[token.name];
    if (!option) throw new Error(spec.unknown(token.rawName));
    if (option.type === 'boolean') {
      given.push({ name: token.name, flag: token.rawName });
      continue;
    }
    const missing = token.value === undefined || (!token.inlineValue && !spec.dashedValues && token.value.startsWith('--'));
    if (missing) throw new Error(spec.missingValue(token.rawName));
    given.push({ name: token.name, flag: token.rawName, value: token.value });
  }
  return { values: values as CommandLine['values'], positionals, given };
}
