// Builds the provider and CLI bundles once before any suite runs: end-to-end suites
// launch dist/provider.js through terraform, and the protocol suites the toy provider.
module.exports = async () => {
  await require('../scripts/build.js').build({ toy: true });
};
