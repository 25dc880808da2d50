// The tests' browser is the benchmark's (scripts/browser/chromium.ts): one launcher, one set of flags.
export { CHROMIUM, launchChromium } from '../../scripts/browser/chromium.js';
