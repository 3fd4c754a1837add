/** Entry of dist/provider-code-cache.js, which the npm route's launchers give node with `--require` (see code-cache.ts). */
import { installCodeCache } from './code-cache';

installCodeCache();
