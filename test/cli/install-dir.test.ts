import * as os from 'node:os';
import * as path from 'node:path';
import { defaultInstallDir } from '../../src/providers/install';

const homeCache = path.join(os.homedir(), '.cache', 'cdktf-integrations');

test('the mirror goes under XDG_CACHE_HOME when it is an absolute path', () => {
  expect(defaultInstallDir({ XDG_CACHE_HOME: '/srv/cache' })).toBe('/srv/cache/cdktf-integrations');
});

test('an unset, empty or relative XDG_CACHE_HOME falls back to ~/.cache, as the XDG rules say', () => {
  expect(defaultInstallDir({})).toBe(homeCache);
  expect(defaultInstallDir({ XDG_CACHE_HOME: '' })).toBe(homeCache);
  expect(defaultInstallDir({ XDG_CACHE_HOME: 'relative/cache' })).toBe(homeCache);
});
