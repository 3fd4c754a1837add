/**
 * Log lines for Terraform's log (go-plugin reads the plugin's stderr line by line
 * and files "[LEVEL] ..." lines at that level). Written only when TF_LOG is set.
 * Never pass attribute values here: configuration and state hold secrets.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

type Level = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
export type LogSink = (line: string) => void;
type Fields = Record<string, string | number | boolean | undefined>;

/** Read once: go-plugin fixes a provider's environment at launch, and every RPC logs a line. */
const ENABLED = Boolean(process.env.TF_LOG);

let processSink: LogSink = (line) => process.stderr.write(line);
/** The sink of the connection an RPC came on (a run host serves several launches, each with its own stderr). */
const connectionSinks = new AsyncLocalStorage<LogSink>();

/** Where lines logged outside any connection's work go. */
export function setLogSink(sink: LogSink): void {
  processSink = sink;
}

/** Whether lines are written at all (TF_LOG set): callers skip per-call log plumbing when not. */
export function loggingEnabled(): boolean {
  return ENABLED;
}

/** Runs `work` with its log lines (through promises and callbacks too) going to `sink`. */
export function withLogSink<T>(sink: LogSink | undefined, work: () => T): T {
  return ENABLED && sink ? connectionSinks.run(sink, work) : work();
}

export function log(level: Level, message: string, fields: Fields = {}): void {
  if (!ENABLED) return;
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  (connectionSinks.getStore() ?? processSink)(`[${level}] provider: ${[message, ...pairs].join(' ')}\n`);
}
