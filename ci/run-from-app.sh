#!/usr/bin/env bash
# What the GitHub Action runs: the pull-request recipe from the app's own installed
# cdktf-azure-access (node_modules/cdktf-azure-access/ci/azure-access-pr.sh), so the script and the
# azure-access command are one version whatever tag the workflow names. The action's own copy
# runs only when the app has none installed; its version check then says what to install.
set -euo pipefail
installed="${AZURE_ACCESS_WORKING_DIRECTORY:-.}/node_modules/cdktf-azure-access/ci/azure-access-pr.sh"
if [[ -f "$installed" ]]; then exec bash "$installed" "$@"; fi
exec bash "$(dirname "${BASH_SOURCE[0]}")/azure-access-pr.sh" "$@"
