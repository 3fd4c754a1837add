/** Placeholder written where a secret value was found. */
export const REDACTED = '[REDACTED]';

/**
 * Values shorter than this are not redacted: replacing every "a" or "12" in a message
 * would destroy it while protecting nothing worth protecting.
 */
export const MIN_SECRET_LENGTH = 4;

/** Replaces every occurrence of each secret value in `text` with a placeholder. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so that a secret containing another secret is removed whole.
  const ordered = [...new Set(secrets)]
    .filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const secret of ordered) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    // Secrets also leak URL-encoded (form bodies, query strings echoed back by a server).
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join(REDACTED);
  }
  return out;
}
