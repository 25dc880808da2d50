// Nest 12 is ESM only, so Jest runs in ESM mode (see docs/development.md).
/** @type {import('jest').Config} */
export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  moduleNameMapper: {
    '^@rujukan/(contracts|messaging|persistence|platform|service-node|auth)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json', diagnostics: { warnOnly: false } }],
  },
  // Network suites start up to nine node processes in a hook; on a loaded 2-core machine that took over two minutes.
  testTimeout: 300000,
  // Nodes under test hold sockets open until closed; a hang means a test forgot to close one.
  forceExit: false,
};
