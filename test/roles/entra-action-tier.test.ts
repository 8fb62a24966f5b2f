import { tierOfEntraActions } from '../../src/roles/entra-action-tier';
import { PrivilegeTier } from '../../src/roles/privilege-tier';

describe('the tier of a custom directory role\'s actions', () => {
  test('is the widest tier among them, whatever the case they are written in', () => {
    expect(tierOfEntraActions(['microsoft.directory/users/standard/read'])).toEqual({ tier: PrivilegeTier.USER_ACCESS, unclassified: [] });
    expect(tierOfEntraActions(['microsoft.directory/users/standard/read', 'microsoft.directory/applications/basic/update']).tier)
      .toBe(PrivilegeTier.MANAGEMENT_PLANE);
    expect(tierOfEntraActions(['Microsoft.Directory/Applications/Credentials/Update', 'microsoft.directory/users/standard/read']).tier)
      .toBe(PrivilegeTier.CONTROL_PLANE);
  });

  test('an action entraops does not classify, or no action at all, counts as tier 0', () => {
    expect(tierOfEntraActions(['microsoft.directory/users/standard/read', 'microsoft.directory/somethingNew/update']))
      .toEqual({ tier: PrivilegeTier.CONTROL_PLANE, unclassified: ['microsoft.directory/somethingNew/update'] });
    expect(tierOfEntraActions([]).tier).toBe(PrivilegeTier.CONTROL_PLANE);
    expect(tierOfEntraActions(['constructor']).tier).toBe(PrivilegeTier.CONTROL_PLANE);
  });
});
