import { startEmulators } from '../emulators';
import { parseCommandLine } from './command-line';

/*
 * `emulate [--elasticpath-port N] [--sendcloud-port N] [--seed FILE] [--allow-external-delivery] [--delivery-time-scale X] [--no-log-timestamps]`
 *
 * Starts both API emulators on 127.0.0.1, prints one JSON line with their URLs and
 * credentials (first, so a script can read it and go), then serves until SIGINT or SIGTERM.
 * Events fired through the admin routes are delivered only to loopback addresses unless
 * --allow-external-delivery is given; --delivery-time-scale multiplies the waits between attempts.
 */

export interface EmulateCommandIo {
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** Stops the emulators like a signal would; for embedding and tests. */
  stopSignal?: AbortSignal;
}

export const EMULATE_USAGE = [
  'usage: cdktf-integrations emulate [--elasticpath-port N] [--sendcloud-port N] [--seed FILE] [--allow-external-delivery]',
  '         [--delivery-time-scale X] [--no-log-timestamps]',
  '',
  'Runs the Elastic Path and Sendcloud API emulators on 127.0.0.1 until Ctrl-C; prints one JSON line with their URLs and credentials.',
  '  --elasticpath-port N        port of the Elastic Path emulator (default: any free port)',
  '  --sendcloud-port N          port of the Sendcloud emulator (default: any free port)',
  '  --seed FILE                 JSON file with the Sendcloud integrations to start with',
  '  --allow-external-delivery   let fired events reach addresses other than loopback',
  '  --delivery-time-scale X     multiply the webhook retry waits by X (e.g. 0.01 in tests)',
  '  --no-log-timestamps         answer Elastic Path logs and jobs without a time, as the real API does',
  '',
  'Exit codes: 0 when stopped by Ctrl-C or SIGTERM, 2 on a bad argument, 1 when the emulators cannot start.',
].join('\n');
const USAGE = EMULATE_USAGE;

interface EmulateArguments {
  elasticpathPort?: number;
  sendcloudPort?: number;
  seed?: string;
  allowNonLoopbackDelivery?: boolean;
  deliveryTimeScale?: number;
  logTimestamps?: boolean;
}

/** What `emulate` parses: the table its parser reads and the docs tests check. */
export const EMULATE_OPTIONS = {
  'elasticpath-port': { type: 'string' },
  'sendcloud-port': { type: 'string' },
  seed: { type: 'string' },
  'allow-external-delivery': { type: 'boolean' },
  'no-log-timestamps': { type: 'boolean' },
  'delivery-time-scale': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const PORT_PROBLEM = 'needs a port number between 0 and 65535';
const SCALE_PROBLEM = 'needs a number >= 0 (1 = real waits, 0.01 = a hundred times shorter)';
const VALUE_PROBLEMS: Record<string, string> = {
  '--elasticpath-port': PORT_PROBLEM,
  '--sendcloud-port': PORT_PROBLEM,
  '--delivery-time-scale': SCALE_PROBLEM,
  '--seed': 'needs a path to a JSON file',
};

/** The arguments, or a message for a bad one ('' for --help). */
function parseArguments(argv: string[]): EmulateArguments | string {
  let values;
  try {
    ({ values } = parseCommandLine(argv[0] === 'emulate' ? argv.slice(1) : argv, {
      options: EMULATE_OPTIONS,
      dashedValues: true,
      unknown: (argument) => `unknown argument ${argument}`,
      missingValue: (option) => `${option} ${VALUE_PROBLEMS[option]}`,
    }));
  } catch (error) {
    return (error as Error).message;
  }
  if (values.help) return '';
  const parsed: EmulateArguments = {};
  if (values['allow-external-delivery']) parsed.allowNonLoopbackDelivery = true;
  if (values['no-log-timestamps']) parsed.logTimestamps = false;
  if (values['delivery-time-scale'] !== undefined) {
    const scale = Number(values['delivery-time-scale']);
    if (!Number.isFinite(scale) || scale < 0) return `--delivery-time-scale ${SCALE_PROBLEM}`;
    parsed.deliveryTimeScale = scale;
  }
  for (const [flag, key] of [['elasticpath-port', 'elasticpathPort'], ['sendcloud-port', 'sendcloudPort']] as const) {
    if (values[flag] === undefined) continue;
    const port = Number(values[flag]);
    if (!Number.isInteger(port) || port < 0 || port > 65535) return `--${flag} ${PORT_PROBLEM}`;
    parsed[key] = port;
  }
  if (values.seed !== undefined) {
    if (values.seed === '') return `--seed ${VALUE_PROBLEMS['--seed']}`;
    parsed.seed = values.seed as string;
  }
  return parsed;
}

/** Runs until stopped; resolves with the process exit code. */
export async function runEmulateCommand(argv: string[], io: EmulateCommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const parsed = parseArguments(argv);
  if (typeof parsed === 'string') {
    if (parsed === '') stdout.write(`${USAGE}\n`);
    else stderr.write(`emulate: ${parsed}\n${USAGE}\n`);
    return parsed === '' ? 0 : 2;
  }

  let emulators;
  try {
    emulators = await startEmulators(parsed);
  } catch (error) {
    stderr.write(`emulate: cannot start the emulators: ${(error as Error).message}\n`);
    return 1;
  }
  const { elasticpath, sendcloud } = emulators;
  stdout.write(
    `${JSON.stringify({
      elasticpath: { url: elasticpath.url, clientId: elasticpath.clientId, clientSecret: elasticpath.clientSecret },
      sendcloud: { url: sendcloud.url, publicKey: sendcloud.publicKey, secretKey: sendcloud.secretKey },
    })}\n`,
  );

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.stopSignal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (io.stopSignal?.aborted) stop();
    else io.stopSignal?.addEventListener('abort', stop);
  });
  await emulators.close();
  return 0;
}
