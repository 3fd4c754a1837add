/**
 * `generate` reads the providers' credentials from the environment; whatever its error message
 * quotes (here the API URL, which a user pasted the secret into), the secret is replaced.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';

test('a failed generate never prints the client secret from the environment', () => {
  const secret = `generate-client-secret-${randomBytes(12).toString('hex')}`;
  const result = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'dist', 'cli.js'), 'generate', '--elasticpath'], {
    cwd: os.tmpdir(),
    encoding: 'utf8',
    env: { ...process.env, ELASTICPATH_CLIENT_ID: 'someone', ELASTICPATH_CLIENT_SECRET: secret, ELASTICPATH_API_BASE_URL: `http://127.0.0.1:9/${secret}` },
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^cdktf-integrations generate: .*\/\(sensitive\)\/oauth\/access_token failed/);
  expect(result.stdout + result.stderr).not.toContain(secret);
});
