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
echo "package smoke test: ok"
