// Jest globalSetup: every temporary directory of the run goes under one root, which
// temp-root-teardown.js removes. Tests, cdktf's Testing (a `cdktf.outdir.*` per synth) and the
// commands the tests start all ask os.tmpdir(), which reads TMPDIR; each run of the suite left
// about a thousand directories behind in the machine's temp directory before.
'use strict';
const { mkdtempSync } = require('fs');
const { tmpdir } = require('os');
const path = require('path');

module.exports = () => {
  const root = mkdtempSync(path.join(tmpdir(), 'cdktf-azure-access-tests-'));
  process.env.AZURE_ACCESS_TEST_TMPDIR = root;
  process.env.TMPDIR = root;
};
