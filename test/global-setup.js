// Checks the machine first (Node's version, terraform, a CDK command line that loads on this
// Node: what npm ci cannot install), so a missing tool stops the run at once with one message;
// then builds the provider and CLI bundles once before any suite runs: end-to-end suites
// launch dist/provider.js through terraform, and the protocol suites the toy provider.
// The e2e, reliability and perf projects each name this file (the unit project needs neither
// the tools nor the bundles); jest runs it once per project, so the work is done only the first time.
module.exports = async () => {
  globalThis.__cdktfIntegrationsSetup ??= (async () => {
    try {
      require('../scripts/prerequisites.js').assertPrerequisites('tests');
    } catch (error) {
      process.stderr.write(`\n${error.message}\n`);
      process.exit(1);
    }
    await require('../scripts/build.js').build({ toy: true });
  })();
  await globalThis.__cdktfIntegrationsSetup;
};
