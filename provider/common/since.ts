/**
 * The `since` attribute the log data sources share: a duration back from now (24h, 30m, 7d)
 * or an RFC 3339 time, checked at plan and turned into a time at read.
 */
import { parseSince } from '../../api/since';
import type { AttributeSchema, Diagnostics, PlainObject } from '../framework/types';

/**
 * `what` names the entries ("attempts"); `vendorNote`, a sentence, says where the vendor's
 * logs carry no time, which the description's general rule (see warnWhereSinceNotApplied)
 * then applies to.
 */
export function sinceAttribute(what: string, vendorNote = ''): AttributeSchema {
  return {
    type: 'string',
    optional: true,
    description:
      `Only ${what} from this time on: a duration back from now (24h, 30m, 7d) or an RFC 3339 time. ` +
      `${what[0]!.toUpperCase()}${what.slice(1)} that carry no time cannot be placed in that window: they are listed whatever their age, and a warning says so.` +
      (vendorNote ? ` ${vendorNote}` : ''),
    validate: (value) => {
      if (typeof value !== 'string') return undefined;
      const parsed = parseSince(value, 0);
      return typeof parsed === 'string' ? parsed : undefined;
    },
  };
}

/** The configured `since` and the time it stands for now; null after an error diagnostic. */
export function readSince(config: PlainObject, diagnostics: Diagnostics): { since?: string; sinceMs?: number } | null {
  const since = typeof config.since === 'string' ? config.since : undefined;
  if (since === undefined) return {};
  const sinceMs = parseSince(since, Date.now());
  if (typeof sinceMs === 'string') {
    diagnostics.error('Invalid since', sinceMs, ['since']);
    return null;
  }
  return { since, sinceMs };
}

/**
 * Warns when `since` was given but some logs carry no time: those cannot be placed in the
 * window, so they are listed whatever their age (Elastic Path's logs carry none at all).
 */
export function warnWhereSinceNotApplied(diagnostics: Diagnostics, since: string | undefined, logs: readonly { created_at?: string | null }[]): void {
  if (since === undefined) return;
  const untimed = logs.filter((log) => !log.created_at).length;
  if (untimed === 0) return;
  diagnostics.warning(
    'since could not be applied',
    `${untimed} of the ${logs.length} logs carry no time (the API gives none), so they are listed whatever their age and since = "${since}" does not narrow them. ` +
      'To count only new failures, compare log ids with an earlier read (as `cdktf-integrations drift --health --health-baseline FILE` does).',
    ['since'],
  );
}
