// Checks the machine first (terraform, PostgreSQL, a CDK command line that loads on this Node,
// the vendors' specs), so a missing tool stops the run at once with one message naming it;
// then builds the provider and CLI bundles once before any suite runs: end-to-end suites
// launch dist/provider.js through terraform, and the protocol suites the toy provider.
module.exports = async () => {
  try {
    require('../scripts/prerequisites.js').assertPrerequisites('tests');
  } catch (error) {
    process.stderr.write(`\n${error.message}\n`);
    process.exit(1);
  }
  await require('../scripts/build.js').build({ toy: true });
};
