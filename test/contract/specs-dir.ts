import * as path from 'node:path';

/** The vendors' OpenAPI documents and event list the contract tests read; README.md there says where each came from. */
export const SPECS_DIR = path.join(__dirname, 'specs');
