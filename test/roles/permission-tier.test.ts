import { APPLICATION_DEFINED, permissionTierRank, tierLabel, tierName, widestPermissionTier } from '../../src/roles/permission-tier';
import { PrivilegeTier } from '../../src/roles/privilege-tier';

describe('application-defined stands apart from tiers 0 to 2', () => {
  test('it is below tier 2 when ordered, never the widest of a mix, and has its own label', () => {
    const grades = [PrivilegeTier.CONTROL_PLANE, PrivilegeTier.MANAGEMENT_PLANE, PrivilegeTier.USER_ACCESS, APPLICATION_DEFINED];
    expect(grades.map(permissionTierRank)).toEqual([0, 1, 2, 3]);
    expect(widestPermissionTier([APPLICATION_DEFINED, PrivilegeTier.USER_ACCESS])).toBe(PrivilegeTier.USER_ACCESS);
    expect(widestPermissionTier([APPLICATION_DEFINED])).toBe(APPLICATION_DEFINED);
    // Nothing to go by is unknown, and unknown is the widest.
    expect(widestPermissionTier([])).toBe(PrivilegeTier.CONTROL_PLANE);
    expect([tierName(APPLICATION_DEFINED), tierLabel(APPLICATION_DEFINED)]).toEqual(['application-defined', 'application-defined (no directory privilege)']);
    expect([tierName(PrivilegeTier.CONTROL_PLANE), tierLabel(PrivilegeTier.CONTROL_PLANE)]).toEqual(['tier 0', 'tier 0 (ControlPlane)']);
  });
});
