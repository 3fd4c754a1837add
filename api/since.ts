/**
 * "Since when" as people write it on a command line or in a Terraform configuration: a
 * duration back from now (`90s`, `30m`, `24h`, `7d`, or combined such as `1h30m`) or an
 * RFC 3339 time (`2024-05-01T00:00:00Z`).
 */
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?[smhd])+$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** A duration (`90s`, `10m`, `1h30m`) in milliseconds, or undefined when `value` is not one. */
export function parseDuration(value: string): number | undefined {
  const text = value.trim();
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)([smhd])/g)) total += Number(amount) * UNIT_MS[unit];
  return total;
}

/** Milliseconds since the epoch, or a message naming what is wrong and what to write instead. */
export function parseSince(value: string, nowMs: number): number | string {
  const text = value.trim();
  const duration = parseDuration(text);
  if (duration !== undefined) return nowMs - duration;
  if (RFC3339.test(text)) {
    const at = Date.parse(text);
    if (!Number.isNaN(at)) return at;
  }
  return `"${value}" is neither a duration nor a time: write a duration such as 24h, 30m or 7d, or an RFC 3339 time such as 2024-05-01T00:00:00Z`;
}
