/**
 * Log lines for Terraform's log (go-plugin reads the plugin's stderr line by line
 * and files "[LEVEL] ..." lines at that level). Written only when TF_LOG is set.
 * Never pass attribute values here: configuration and state hold secrets.
 */
type Level = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
type Fields = Record<string, string | number | boolean | undefined>;

/** Read once: go-plugin fixes a provider's environment at launch, and every RPC logs a line. */
const ENABLED = Boolean(process.env.TF_LOG);

export function log(level: Level, message: string, fields: Fields = {}): void {
  if (!ENABLED) return;
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  process.stderr.write(`[${level}] provider: ${[message, ...pairs].join(' ')}\n`);
}
