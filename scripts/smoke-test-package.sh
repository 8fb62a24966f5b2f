#!/usr/bin/env bash
# Installs the packed library into a fresh cdktf app outside the repository, as a new user
# would, synthesizes a stack there through app.synth(), and runs the bundled azure-access
# command on the result. Run after `npx projen build` (which packs dist/js/*.tgz).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
tarball="$(ls "$repo"/dist/js/cdktf-azure-access@*.jsii.tgz | head -n 1)"
app="$(mktemp -d)"
trap 'rm -rf "$app"' EXIT

peer() { node -p "require('$repo/package.json').devDependencies['$1']"; }
cd "$app"
npm init -y >/dev/null
# The peers at the versions this repository tests against; npm's cache makes this quick.
npm install --no-audit --no-fund --prefer-offline "$tarball" \
  "cdktf@$(peer cdktf)" "constructs@$(peer constructs)" \
  "@cdktf/provider-azurerm@$(peer @cdktf/provider-azurerm)" "@cdktf/provider-azuread@$(peer @cdktf/provider-azuread)" >/dev/null

cat > main.js <<'APP'
const { App, Aspects, LocalBackend, TerraformStack } = require('cdktf');
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
const { KeyVault } = require('@cdktf/provider-azurerm/lib/key-vault');
const { AccessGuard, BuiltInRole, GrantInventory, Scope, ScopeLevel, WorkloadIdentity } = require('cdktf-azure-access');

const app = new App({ outdir: 'cdktf.out' });
const stack = new TerraformStack(app, 'smoke');
new AzurermProvider(stack, 'azurerm', { features: [{}] });
new LocalBackend(stack, { path: 'terraform.tfstate' });
const vault = new KeyVault(stack, 'kv', { name: 'kv-smoke', location: 'eastus', resourceGroupName: 'rg', tenantId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', skuName: 'standard' });
const api = new WorkloadIdentity(stack, 'Api', { name: 'uai-smoke', resourceGroupName: 'rg', location: 'eastus', owner: 'team' });
api.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault));
Aspects.of(stack).add(new AccessGuard({ today: '2026-11-27' }));
GrantInventory.fromStack(stack).assertAllScopesAtMost(ScopeLevel.RESOURCE);
app.synth();
console.log('synthesized with cdktf-azure-access from the packed tarball');
APP
node main.js
npx --no-install azure-access check --today 2026-11-27 cdktf.out
npx --no-install azure-access report cdktf.out | grep -q 'Key Vault Secrets User'

# The pull-request recipe as a team's CI runs it on the first try: the app's installed script and
# command (one version), the default synth from cdktf.json's app command with no cdktf-cli
# installed, the base branch given as an earlier synthesis of the same app.
if command -v cdktf >/dev/null 2>&1 || [[ -e node_modules/.bin/cdktf ]]; then echo "cdktf-cli is installed: the recipe's default synth would not be shown to work without it" >&2; exit 1; fi
printf '{ "language": "javascript", "app": "node main.js", "output": "cdktf.out" }\n' > cdktf.json
cp -r cdktf.out base.out
export AZURE_ACCESS_BASE_OUTPUT=base.out AZURE_ACCESS_RESULTS_DIR="$app/recipe" AZURE_ACCESS_CHECK_OPTIONS='--today 2026-11-27'
bash node_modules/cdktf-azure-access/ci/azure-access-pr.sh prepare
bash node_modules/cdktf-azure-access/ci/azure-access-pr.sh gate
grep -q '"version": "2.1.0"' "$app/recipe/sarif/azure-access.sarif"
echo "package smoke test: ok"
