/** Milliseconds since the epoch. Injected so tests can move time without sleeping. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/**
 * Both vendors document timestamps with second precision and a `Z` suffix
 * (`2017-07-21T17:32:28Z`, `2023-11-04T14:15:22Z`), so the emulators drop milliseconds.
 */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}
