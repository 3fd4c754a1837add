/**
 * Every error class a caller of the library can catch is exported from the package entry, so
 * `catch (error) { if (error instanceof RateLimitTimeoutError) ... }` works without reaching
 * into the package's files. The cdktn entry is the same module with `cdktf` swapped for
 * `cdktn`: test/e2e/packaged-app.test.ts and packaged-cdktn-app.test.ts check both built entries.
 */
import { libraryErrorClassNames } from '../helpers/library-errors';

test('every error class under api/ and the library is exported from src/index.ts, as a class extending Error', () => {
  const names = libraryErrorClassNames();
  expect(names).toEqual(expect.arrayContaining(['ApiError', 'RateLimitTimeoutError', 'UnsupportedFieldError', 'TerraformError', 'GenerateOptionsError']));
  const entry = require('../../src') as Record<string, unknown>;
  const missing = names.filter((name) => !(typeof entry[name] === 'function' && (entry[name] as { prototype: unknown }).prototype instanceof Error));
  expect(missing).toEqual([]);
});
