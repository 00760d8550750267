#!/usr/bin/env node
'use strict';
// Runs the TypeScript CLI through tsx's CommonJS loader (no build step).
require('tsx/cjs');
const { main } = require('../src/cli.ts');

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  },
);
