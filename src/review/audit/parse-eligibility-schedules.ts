import { entryAt, expectArmIdOf, expectScope, expectType, guid, optionalText } from './export-shape';
import { ExportKind, readExportText } from './export-stream';
import { LiveAssignment, LiveExport } from './live-types';
import { roleDefinitionAt } from './role-definition-guid';
import { InputError } from '../reader/input-error';
import { describe, expectRecord, isRecord, JsonRecord, pointerTo } from '../reader/shape-check';

const TYPE = 'Microsoft.Authorization/roleEligibilitySchedules';
const WHAT = 'an ARM roleEligibilitySchedules list';

/**
 * An ARM `roleEligibilitySchedules` list (`az rest --method get --url
 * .../providers/Microsoft.Authorization/roleEligibilitySchedules?api-version=2020-10-01`).
 * Types and IDs are compared without regard to case: Microsoft's own example writes `RoleEligibilitySchedules`.
 */
export const ELIGIBILITY_SCHEDULES: ExportKind<LiveAssignment> = {
  what: WHAT,
  shape: 'pages',
  read(file, place, value) {
    const { entry, at } = entryAt(file, place, value, 'a role eligibility schedule');
    expectType(file, at('type'), entry.type, TYPE);
    const propertiesPlace = at('properties');
    const properties = expectRecord(file, propertiesPlace, entry.properties);
    const field = (key: string) => pointerTo(propertiesPlace, key);
    const { scope, scopeLevel } = expectScope(file, field('scope'), properties.scope);
    const principal = expandedPrincipal(file, propertiesPlace, properties);
    const principalType = optionalText(file, field('principalType'), properties.principalType);
    const condition = optionalText(file, field('condition'), properties.condition);
    const roleName = expandedRoleName(file, propertiesPlace, properties);
    return {
      kind: 'eligible',
      file,
      place,
      id: expectArmIdOf(file, at('id'), entry.id, TYPE),
      principalId: guid(file, field('principalId'), properties.principalId),
      ...(principalType === undefined ? {} : { principalType }),
      ...principal,
      ...roleDefinitionAt(file, field('roleDefinitionId'), properties.roleDefinitionId),
      ...(roleName === undefined ? {} : { roleName }),
      scope,
      scopeLevel,
      ...(condition === undefined ? {} : { condition }),
      endDateTime: endOf(file, field('endDateTime'), properties.endDateTime),
    };
  },
};

/** Reads the eligibility schedules from the export's text. */
export function parseEligibilitySchedules(file: string, text: string): LiveExport<LiveAssignment> {
  return readExportText(file, text, ELIGIBILITY_SCHEDULES);
}

// Absent and null both mean "no end": the API leaves endDateTime null for a permanent eligibility.
function endOf(file: string, place: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new InputError(file, `expected a date-time or null, got ${describe(value)}`, place);
  return value;
}

function expanded(file: string, propertiesPlace: string, properties: JsonRecord, key: string): { value?: JsonRecord; place: string } {
  const expandedPlace = pointerTo(propertiesPlace, 'expandedProperties');
  const place = pointerTo(expandedPlace, key);
  if (properties.expandedProperties === undefined || properties.expandedProperties === null) return { place };
  const outer = expectRecord(file, expandedPlace, properties.expandedProperties);
  const inner = outer[key];
  if (inner === undefined || inner === null) return { place };
  return { value: expectRecord(file, place, inner), place };
}

/** The principal's email (a user's UPN as az prints it) and display name, when the export expands them. */
function expandedPrincipal(file: string, propertiesPlace: string, properties: JsonRecord): Pick<LiveAssignment, 'principalName' | 'principalDisplayName'> {
  const { value, place } = expanded(file, propertiesPlace, properties, 'principal');
  if (!isRecord(value)) return {};
  const email = optionalText(file, pointerTo(place, 'email'), value.email);
  const displayName = optionalText(file, pointerTo(place, 'displayName'), value.displayName);
  return { ...(email === undefined ? {} : { principalName: email }), ...(displayName === undefined ? {} : { principalDisplayName: displayName }) };
}

function expandedRoleName(file: string, propertiesPlace: string, properties: JsonRecord): string | undefined {
  const { value, place } = expanded(file, propertiesPlace, properties, 'roleDefinition');
  return value === undefined ? undefined : optionalText(file, pointerTo(place, 'displayName'), value.displayName);
}
