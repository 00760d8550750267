/**
 * Two projects:
 * - `node`: everything (emulator, server, functions, scripts), in Node.
 * - `pages`: mini-program page tests (`miniprogram/**\/*.spec.ts`), in jsdom with miniprogram-simulate; see
 *   test/page-harness.ts. They resolve npm packages the way the mini-program does (`miniprogram_npm/`, laid out by
 *   scripts/build-miniprogram-npm.ts in globalSetup) and get `getApp` / `getCurrentPages` from test/page-setup.ts.
 */
const transform = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
};
// Transform tslib and everything under miniprogram_npm (TDesign ships ES modules); leave the rest of node_modules.
const transformIgnorePatterns = ['/node_modules/(?!(tslib)/)', '/miniprogram_npm/(?!.*)'];
const moduleNameMapper = {
  '^@typings/(.*)$': '<rootDir>/typings/$1',
  '^@server/(.*)$': '<rootDir>/server/$1',
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'node',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testMatch: ['**/?(*.)+(spec|test).ts'],
      testPathIgnorePatterns: ['/node_modules/', '/miniprogram_npm/', '/cloudfunctions/[^/]+/index.js', '<rootDir>/miniprogram/'],
      testTimeout: 30000,
    },
    {
      displayName: 'pages',
      rootDir: __dirname,
      testEnvironment: '<rootDir>/test/page-environment.ts',
      // resolve packages as Node does (the emulator and wx-server-sdk run in this process too), not as a browser
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      // `require('tslib')` from miniprogram_npm/tdesign-miniprogram/... finds its own miniprogram_npm/tslib first
      moduleDirectories: ['node_modules', 'miniprogram_npm'],
      setupFiles: ['<rootDir>/test/page-setup.ts'],
      testMatch: ['<rootDir>/miniprogram/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/miniprogram_npm/'],
      testTimeout: 30000,
    },
  ],
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
