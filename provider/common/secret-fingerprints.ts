/**
 * What a resource keeps to notice that a write-only secret was changed outside Terraform:
 * per secret, a salted SHA-256 of the API's answer right after the secret was sent (for a
 * masked field, the mask: length and last 4 characters, which the API shows anyway). Kept
 * in the resource's private state; the secret itself is never stored anywhere.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { PlainValue, PrivateState } from '../framework/types';

const KEY_PREFIX = 'write_only_fingerprint.';

function digest(salt: string, answered: PlainValue | undefined): string {
  // An absent answer is fingerprinted too: it stays comparable with a later absent answer.
  const text = typeof answered === 'string' ? `value:${answered}` : 'absent';
  return createHash('sha256').update(salt).update('\u0000').update(text).digest('hex');
}

export class SecretFingerprints {
  constructor(private readonly privateState: PrivateState) {}

  /** Whether a fingerprint is kept for the write-only attribute, i.e. its secret was last sent write-only. */
  has(attribute: string): boolean {
    return this.privateState.get(KEY_PREFIX + attribute) !== undefined;
  }

  /** Records the API's answer for a secret just sent write-only; when `sent` is false, forgets the attribute. */
  remember(attribute: string, answered: PlainValue | undefined, sent: boolean): void {
    if (!sent) {
      this.privateState.set(KEY_PREFIX + attribute, undefined);
      return;
    }
    const salt = randomBytes(16).toString('hex');
    this.privateState.set(KEY_PREFIX + attribute, `${salt}:${digest(salt, answered ?? undefined)}`);
  }

  /** True when the API's current answer is the one recorded when the secret was last sent. */
  matches(attribute: string, answered: PlainValue | undefined): boolean {
    const kept = this.privateState.get(KEY_PREFIX + attribute);
    if (kept === undefined) return false;
    const [salt, expected] = kept.split(':');
    return digest(salt, answered ?? undefined) === expected;
  }
}
