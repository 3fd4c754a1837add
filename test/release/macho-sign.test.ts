/**
 * The release's own ad-hoc Mach-O signer (scripts/release/macho-sign.ts) against Bun's and
 * against the independent checker in test/helpers/macho-signature.ts: on a darwin_arm64
 * executable that Bun signed, it writes the very same bytes; on darwin_amd64, whose runtime's
 * original signature Bun leaves stale, it writes one whose every page hash checks.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bunRuntime, hostBun } from '../../scripts/release/bun-runtime';
import { adHocSign } from '../../scripts/release/macho-sign';
import { RELEASE_PLATFORMS, parsePlatforms } from '../../scripts/release/platforms';
import { CS_ADHOC, readCodeSignature } from '../helpers/macho-signature';

const MACHO_CPU_X86_64 = 0x01000007;
const FETCH_TIMEOUT_MS = 5 * 60 * 1000;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'macho-sign-'));
  fs.writeFileSync(path.join(dir, 'hello.js'), 'console.log("hello");\n');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Bun's compile of a one-line program for a darwin platform, as the release compiles the providers. */
function compileFor(platformName: string): Buffer {
  const [platform] = parsePlatforms(platformName);
  const hostPlatform = RELEASE_PLATFORMS.find((each) => each.name === 'linux_amd64');
  const output = path.join(dir, `hello-${platformName}`);
  execFileSync(hostBun(hostPlatform), ['build', 'hello.js', '--compile', `--target=${platform.bunTarget}`, `--compile-executable-path=${bunRuntime(platform)}`, `--outfile=${output}`], {
    cwd: dir,
    stdio: 'ignore',
  });
  return fs.readFileSync(output);
}

test(
  "on Bun's signed darwin_arm64 output, the signer writes byte for byte the signature Bun wrote",
  () => {
    const signedByBun = compileFor('darwin_arm64');
    expect(readCodeSignature(signedByBun).mismatchedPages).toEqual([]);
    expect(adHocSign(signedByBun, readCodeSignature(signedByBun).identifier).equals(signedByBun)).toBe(true);
  },
  FETCH_TIMEOUT_MS,
);

test(
  'a darwin_amd64 executable signed by the release checks on every page, ad hoc, under the given identifier',
  () => {
    const fromBun = compileFor('darwin_amd64');
    const signed = adHocSign(fromBun, 'terraform-provider-elasticpath_v0.2.0');
    const signature = readCodeSignature(signed);
    expect(signature).toMatchObject({
      cpuType: MACHO_CPU_X86_64,
      identifier: 'terraform-provider-elasticpath_v0.2.0',
      codeLimit: signature.dataOffset,
      linkeditEnd: signed.length,
      mismatchedPages: [],
      mismatchedSpecialSlots: [],
    });
    expect(signature.flags & CS_ADHOC).toBe(CS_ADHOC);
    expect(signature.codeSlots).toBe(Math.ceil(signature.codeLimit / 4096));
  },
  FETCH_TIMEOUT_MS,
);
