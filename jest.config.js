/*
 * Four jest projects; `npm test` runs them all, each suite once (docs/testing.md):
 *   unit         no terraform, no bundle build, no PostgreSQL: seconds (`npm run test:unit`)
 *   e2e          the real terraform against the emulators, the built CLI and provider bundles,
 *                packaged apps, the protocol suites' toy provider
 *   reliability  large applies under faults, limits, interruptions, PostgreSQL state
 *   perf         request counts of large plans, warm providers, the bench script itself
 * A suite that needs terraform or dist/ goes in e2e; the unit list names folders and the few
 * files in them that are not unit suites.
 */
const os = require('node:os');

const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
};

/** Suites in the unit folders that need terraform, dist/ or the CDK command line. */
const NOT_UNIT = [
  '<rootDir>/test/constructs/bindings.test.ts',
  '<rootDir>/test/constructs/quickstart.test.ts',
  '<rootDir>/test/drift/plan-file.test.ts',
  '<rootDir>/test/emulators/emulate-command.test.ts',
  '<rootDir>/test/protocol/handshake.test.ts',
  '<rootDir>/test/protocol/reattach.test.ts',
  '<rootDir>/test/protocol/run-host.test.ts',
  '<rootDir>/test/protocol/terraform-e2e.test.ts',
  '<rootDir>/test/protocol/write-only-and-sockets.test.ts',
];

const UNIT_FOLDERS = ['api', 'architecture', 'constructs', 'drift', 'emulators', 'protocol', 'provider', 'receivers'];
const UNIT_FILES = ['<rootDir>/test/generate/naming.test.ts', '<rootDir>/test/docs/cli-flags.test.ts', '<rootDir>/test/docs/drift-report-keys.test.ts'];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A unit folder's files, less its NOT_UNIT ones, as one testPathIgnorePatterns entry. */
const unitFilesOf = (folder) => {
  const base = `<rootDir>/test/${folder}/`;
  const excepted = NOT_UNIT.filter((file) => file.startsWith(base)).map((file) => escape(file.slice(base.length)));
  return excepted.length === 0 ? base : `${base}(?!(${excepted.join('|')})$)`;
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 120000,
  // jest's default, one worker per core less one, is a single worker on a 2-core machine, where
  // most suites wait on terraform and child processes; two keep both cores busy. The suites are
  // independent (own folders, emulators on free ports), as larger machines already run them.
  maxWorkers: Math.max(2, (os.availableParallelism?.() ?? os.cpus().length) - 1),
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [...UNIT_FOLDERS.map((folder) => `<rootDir>/test/${folder}/**/*.test.ts`), ...UNIT_FILES],
      testPathIgnorePatterns: ['/node_modules/', ...NOT_UNIT.map(escape)],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // Every suite the other projects do not run, so a new folder is never left out.
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/test/reliability/',
        '<rootDir>/test/perf/',
        ...UNIT_FOLDERS.map(unitFilesOf),
        ...UNIT_FILES.map(escape),
      ],
      globalSetup: '<rootDir>/test/global-setup.js',
    },
    {
      ...shared,
      displayName: 'reliability',
      testMatch: ['<rootDir>/test/reliability/**/*.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.js',
    },
    {
      ...shared,
      displayName: 'perf',
      testMatch: ['<rootDir>/test/perf/**/*.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.js',
    },
  ],
};
