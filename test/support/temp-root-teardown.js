// Jest globalTeardown: removes the run's temporary root made by temp-root-setup.js.
'use strict';
const { rmSync } = require('fs');

module.exports = () => {
  const root = process.env.AZURE_ACCESS_TEST_TMPDIR;
  if (root) rmSync(root, { recursive: true, force: true });
};
