/** Signing through `gpg` on the PATH (honouring GNUPGHOME): the detached binary signature Terraform verifies, and the public key registries hand out. */
import { execFileSync } from 'node:child_process';

export interface SigningKey {
  /** The full fingerprint, upper-case hex. */
  fingerprint: string;
  /** The long key ID (the fingerprint's last 16 hex digits), as registries list it. */
  keyId: string;
  publicKeyArmored: string;
}

function gpg(args: string[], env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync('gpg', ['--batch', '--no-tty', ...args], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`gpg ${args.filter((arg) => !arg.startsWith('--passphrase')).join(' ')} failed: ${stderr.trim() || (error as Error).message}`);
  }
}

/** Secret keys' fingerprints in the keyring (`gpg --list-secret-keys`). */
function secretKeyFingerprints(env: NodeJS.ProcessEnv): string[] {
  const listing = gpg(['--with-colons', '--list-secret-keys'], env);
  const fingerprints: string[] = [];
  let primary = false;
  for (const line of listing.split('\n')) {
    const fields = line.split(':');
    if (fields[0] === 'sec') primary = true;
    else if (fields[0] === 'ssb') primary = false;
    else if (fields[0] === 'fpr' && primary) {
      fingerprints.push(fields[9]);
      primary = false;
    }
  }
  return fingerprints;
}

/** The key named by --gpg-key (a fingerprint or anything gpg accepts), or the keyring's only secret key. */
export function signingKey(requested: string | undefined, env: NodeJS.ProcessEnv = process.env): SigningKey {
  let fingerprint: string;
  if (requested) {
    const listing = gpg(['--with-colons', '--list-secret-keys', requested], env).split('\n');
    const fpr = listing.find((line) => line.startsWith('fpr:'));
    if (!fpr) throw new Error(`--gpg-key ${requested}: no such secret key in the keyring (${env.GNUPGHOME ?? '~/.gnupg'})`);
    fingerprint = fpr.split(':')[9];
  } else {
    const all = secretKeyFingerprints(env);
    if (all.length !== 1) {
      throw new Error(
        `--gpg-key is needed: the keyring (${env.GNUPGHOME ?? '~/.gnupg'}) holds ${all.length === 0 ? 'no secret key' : `${all.length} secret keys (${all.join(', ')})`}`,
      );
    }
    fingerprint = all[0];
  }
  const publicKeyArmored = gpg(['--armor', '--export', fingerprint], env);
  return { fingerprint, keyId: fingerprint.slice(-16), publicKeyArmored };
}

/** Writes `output`, a detached binary (not armoured) signature of `file`: the only kind Terraform accepts. */
export function signDetached(key: SigningKey, file: string, output: string, env: NodeJS.ProcessEnv = process.env): void {
  gpg(['--yes', '--local-user', `${key.fingerprint}!`, '--detach-sign', '--output', output, file], env);
}

/** A throwaway RSA signing key without a passphrase, for tests and trial releases (RSA 3072: quick to make; registries take RSA of any size they list). */
export function generateThrowawayKey(env: NodeJS.ProcessEnv, userId: string, bits = 3072): string {
  gpg(['--passphrase', '', '--quick-gen-key', userId, `rsa${bits}`, 'sign', 'never'], env);
  const fingerprints = secretKeyFingerprints(env);
  return fingerprints[fingerprints.length - 1];
}
