/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(tslib)/)', '/miniprogram_npm/(?!.*)'],
  moduleNameMapper: {
    '^@typings/(.*)$': '<rootDir>/typings/$1',
    '^@server/(.*)$': '<rootDir>/server/$1',
  },
  testMatch: ['**/?(*.)+(spec|test).ts'],
  testPathIgnorePatterns: ['/node_modules/', '/miniprogram_npm/', '/cloudfunctions/[^/]+/index.js'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
