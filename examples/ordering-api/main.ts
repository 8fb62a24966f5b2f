/**
 * The ordering API from "How to Secure Azure Service Accounts with Managed Identities", as a
 * cdktf app. `npm run example` synthesizes it into cdktf.out/.
 *
 * For now: the identity the API runs as. Grants, the Function App, federated credentials and
 * just-in-time access for the platform team follow as the library grows.
 */
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { App, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

export class OrderingApiStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    // cdktf's default local backend writes an absolute path into the JSON; a relative one keeps
    // the synthesized output the same on every machine.
    new LocalBackend(this, { path: 'terraform.ordering-api.tfstate' });

    const identity = new UserAssignedIdentity(this, 'OrderingApi', {
      name: 'uai-ordering-api',
      resourceGroupName: 'rg-shared-identities',
      location: 'eastus',
      tags: { owner: 'team-ordering@contoso.example' },
    });

    new TerraformOutput(this, 'ordering_api_client_id', { value: identity.clientId });
    new TerraformOutput(this, 'ordering_api_principal_id', { value: identity.principalId });
  }
}

const app = new App();
new OrderingApiStack(app, 'ordering-api');
app.synth();
console.log(`Synthesized ${app.outdir}/stacks/ordering-api/cdk.tf.json`);
