import { AccessChange, AccessDiff } from './access-change';
import { ChangeKind, CHANGE_KINDS } from './change-kind';
import { compareText, DiffEntry, identityOf } from './diff-entry';
import { isEscalation } from './escalation';
import { REPLACE_FIX, renameFix } from './recreate-fix';
import { compareRoles } from './role-privilege';
import { scopeLevelRank } from '../../model/scope-level';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { GraphMove } from '../graph/graph-types';
import { directoryScopeKind } from '../report/describe-entra-access';

/** What a diff knows besides the two sets of entries. */
export interface DiffContext {
  /** Head's `moved` blocks: a base entry at `from` is the head entry at `to`. */
  readonly moves?: GraphMove[];
  /** Head addresses a plan replaces (delete and create): access drops there even if nothing else changes. */
  readonly replaced?: ReadonlySet<string>;
  /** How to show an address (a plan shows `module.app.<type>.<name>`); the identity by default. */
  readonly displayAddress?: (address: string) => string;
}

// Details are written without a closing full stop; the note is a sentence of its own.
const REPLACED_NOTE = '. The plan replaces it, so the access drops while Terraform deletes and creates it.';

/**
 * Pairs base and head entries and classes each difference. Pairing goes from the surest to the
 * loosest evidence: the same address (or a `moved` block); then the same principal, role and
 * scope under another address (a recreate); then eligibility turned standing and back; then
 * the same principal and role at a scope of another level; then the same principal and scope
 * with another role. What is left was added or removed.
 */
export function diffEntries(base: DiffEntry[], head: DiffEntry[], context: DiffContext = {}): AccessDiff {
  const build = new ChangeBuilder(context);
  const removed: DiffEntry[] = [];
  const added: DiffEntry[] = [];

  const moved = new Map((context.moves ?? []).map((m) => [`${m.stack ?? ''}\u0000${m.from}`, m.to]));
  const headByAddress = new Map<string, DiffEntry[]>();
  for (const h of head) {
    const key = `${h.unit}\u0000${h.address}`;
    headByAddress.set(key, [...(headByAddress.get(key) ?? []), h]);
  }
  for (const b of base) {
    const h = headByAddress.get(`${b.unit}\u0000${moved.get(`${b.unit}\u0000${b.address}`) ?? b.address}`)?.shift();
    if (h === undefined) {removed.push(b);} else if (!build.paired(b, h)) {
      removed.push(b);
      added.push(h);
    }
  }
  added.push(...[...headByAddress.values()].flat());
  added.sort((a, b) => compareText(orderOf(a), orderOf(b)));

  const take = (predicate: (b: DiffEntry) => boolean) => {
    const index = removed.findIndex(predicate);
    return index === -1 ? undefined : removed.splice(index, 1)[0];
  };
  const sameUnit = (h: DiffEntry) => (b: DiffEntry) => b.unit === h.unit;
  const matchers: ((h: DiffEntry) => boolean)[] = [
    (h) => {
      const b = take((x) => sameUnit(h)(x) && x.entry === h.entry && identityOf(x) === identityOf(h));
      if (b !== undefined) build.renamed(b, h);
      return b !== undefined;
    },
    (h) => {
      if (h.entry === 'activation-policy') return false;
      const other = h.entry === 'standing' ? 'eligible' : 'standing';
      const same = (x: DiffEntry) => sameUnit(h)(x) && x.entry === other && identityOf(x) === identityOf(h);
      // A grant made standing where an eligibility remains is still standing where eligible.
      const b = take(same) ?? (h.entry === 'standing' ? base.find(same) : undefined);
      if (b !== undefined) build.held(b, h);
      return b !== undefined;
    },
    (h) => {
      const b = take((x) => sameUnit(h)(x) && x.entry === h.entry && x.principal.key === h.principal.key && x.role.key === h.role.key
        && x.scope.level !== h.scope.level);
      if (b !== undefined) build.scopeChanged(b, h);
      return b !== undefined;
    },
    (h) => {
      const b = take((x) => sameUnit(h)(x) && x.entry === h.entry && x.principal.key === h.principal.key && x.scope.stableKey === h.scope.stableKey);
      if (b !== undefined) build.roleChanged(b, h);
      return b !== undefined;
    },
  ];
  // Each kind of evidence is tried on every added entry before the next, looser one.
  const unmatched = matchers.reduce((left, match) => left.filter((h) => !match(h)), added);
  for (const h of unmatched) build.single(ChangeKind.ADDED, h);
  for (const b of removed) build.single(ChangeKind.REMOVED, b);
  return build.result();
}

/** `standing grant`, `eligibility`, `activation policy`, `standing directory role`, `application permission`. */
function whatIs(entry: DiffEntry): string {
  if (entry.entry === 'eligible') return 'eligibility';
  if (entry.entry === 'activation-policy') return 'activation policy';
  if (entry.roleKind === 'entra-directory-role') return 'standing directory role';
  return entry.roleKind === 'app-permission' ? 'application permission' : 'standing grant';
}

function orderOf(entry: DiffEntry): string {
  return `${entry.unit}\u0000${entry.address}\u0000${entry.entry}\u0000${identityOf(entry)}`;
}

/**
 * Same scope at one address and level. A literal ID and a reference (a plan's prior state
 * against a value known only after apply) are compared by the scope's own name when both
 * have one, and otherwise taken as the same: ARM IDs are made of names, so a vault created
 * again under its old name is the same scope. Object IDs are not: a principal known only
 * after apply is a new one, so principals are compared by key alone.
 */
function sameScope(b: DiffEntry, h: DiffEntry): boolean {
  if (b.scope.stableKey === h.scope.stableKey) return true;
  const literal = (e: DiffEntry) => !e.scope.value.includes('${');
  if (literal(b) === literal(h)) return false;
  return b.scope.name === undefined || h.scope.name === undefined || b.scope.name.toLowerCase() === h.scope.name.toLowerCase();
}

class ChangeBuilder {
  private readonly changes: AccessChange[] = [];

  constructor(private readonly context: DiffContext) {}

  /** Compares entries at one address; false when they are not the same grant (then they count as removed and added). */
  public paired(b: DiffEntry, h: DiffEntry): boolean {
    if (h.entry === 'activation-policy') {
      if (b.role.key !== h.role.key || b.scope.stableKey !== h.scope.stableKey) return false;
      this.activation(b, h);
      return true;
    }
    const levelChanged = b.scope.level !== h.scope.level;
    if (b.principal.key !== h.principal.key || (!levelChanged && !sameScope(b, h))) return false;
    const found: AccessChange[] = [];
    if (b.role.key !== h.role.key) found.push(this.roleChange(b, h));
    if (levelChanged) found.push(this.scopeChange(b, h));
    if (this.context.replaced?.has(h.address)) {
      if (found.length === 0) {
        found.push(this.change(ChangeKind.RECREATED, h, b, 'replaced in the plan: Terraform deletes the assignment and creates it again, '
        + `so ${h.principal.name} loses it until the create completes`, REPLACE_FIX));
      } else {found.forEach((c, i) => (found[i] = { ...c, details: c.details + REPLACED_NOTE }));}
    }
    this.changes.push(...found);
    return true;
  }

  public renamed(b: DiffEntry, h: DiffEntry): void {
    if (h.entry === 'activation-policy') {
      // Destroying a policy changes nothing in Azure (its settings stay), so a renamed one is no recreate.
      this.activation(b, h);
      return;
    }
    const from = this.address(b.address);
    const to = this.address(h.address);
    const what = h.entry === 'eligible' ? 'the eligibility' : `"${h.role.name}"`;
    this.changes.push(this.change(ChangeKind.RECREATED, h, b,
      `the same grant under a new address: Terraform destroys it and creates it again, so ${h.principal.name} loses ${what} until the create completes`,
      renameFix(from, to)));
  }

  /** Eligibility turned standing, or standing turned eligibility. */
  public held(b: DiffEntry, h: DiffEntry): void {
    const kind = h.entry === 'standing' ? ChangeKind.STANDING_WHERE_ELIGIBLE : ChangeKind.ELIGIBLE_WHERE_STANDING;
    const details = h.entry === 'standing'
      ? `eligible through PIM in base (${this.address(b.address)}); held standing in head, without activation, approval or expiry by PIM`
      : `held standing in base (${this.address(b.address)}); in head an eligibility that must be activated through PIM`;
    this.changes.push(this.change(kind, h, b, details));
  }

  public scopeChanged(b: DiffEntry, h: DiffEntry): void {
    this.changes.push(this.scopeChange(b, h));
  }

  public roleChanged(b: DiffEntry, h: DiffEntry): void {
    this.changes.push(this.roleChange(b, h));
  }

  public single(kind: ChangeKind.ADDED | ChangeKind.REMOVED, entry: DiffEntry): void {
    this.changes.push(this.change(kind, entry, undefined, `${whatIs(entry)} ${kind === ChangeKind.ADDED ? 'only in head' : 'only in base'}`));
  }

  public result(): AccessDiff {
    const rank = (c: AccessChange) => CHANGE_KINDS.indexOf(c.kind);
    const text = (c: AccessChange) => [c.stack ?? '', c.address, c.principal, c.role, c.scope, c.previousAddress ?? ''].join('\u0000');
    const changes = [...this.changes]
      .sort((a, b) => Number(b.escalation) - Number(a.escalation) || rank(a) - rank(b) || compareText(text(a), text(b)));
    const counts = Object.values(ChangeKind).map((kind) => [kind, changes.filter((c) => c.kind === kind).length]);
    const summary = Object.fromEntries(counts) as Record<ChangeKind, number>;
    return { changes, summary, escalations: changes.filter((c) => c.escalation).length };
  }

  private activation(b: DiffEntry, h: DiffEntry): void {
    // No maximum (or one that cannot be read) is Azure's default, which counts as the longest.
    const minutes = (e: DiffEntry) => e.maximumActivation?.totalMinutes ?? Number.POSITIVE_INFINITY;
    if (minutes(b) === minutes(h)) return;
    const written = (e: DiffEntry) => e.maximumActivation?.toIsoString() ?? 'not set (Azure default)';
    const kind = minutes(h) > minutes(b) ? ChangeKind.ACTIVATION_LONGER : ChangeKind.ACTIVATION_SHORTER;
    this.changes.push(this.change(kind, h, b, `maximum activation ${written(b)} → ${written(h)}`));
  }

  private scopeChange(b: DiffEntry, h: DiffEntry): AccessChange {
    const wider = scopeLevelRank(h.scope.level) > scopeLevelRank(b.scope.level);
    const details = h.roleKind === 'entra-directory-role'
      ? `directory scope ${directoryScopeKind(b.scope.level)} → ${directoryScopeKind(h.scope.level)}`
      : `scope ${b.scope.level} → ${h.scope.level}`;
    return this.change(wider ? ChangeKind.SCOPE_WIDENED : ChangeKind.SCOPE_NARROWED, h, b, details);
  }

  private roleChange(b: DiffEntry, h: DiffEntry): AccessChange {
    const comparison = compareRoles(b.role, h.role);
    return this.change(comparison.direction === 'more' ? ChangeKind.ROLE_MORE_PRIVILEGED : ChangeKind.ROLE_LESS_PRIVILEGED, h, b, comparison.details);
  }

  /** A change described by its head entry (its base entry, for a removal), with base's differences alongside. */
  private change(kind: ChangeKind, entry: DiffEntry, before: DiffEntry | undefined, details: string, fix?: string): AccessChange {
    const fields = {
      kind,
      entry: entry.entry,
      address: this.address(entry.address),
      ...(before !== undefined && before.address !== entry.address ? { previousAddress: this.address(before.address) } : {}),
      ...(entry.unit !== '' ? { stack: entry.unit } : {}),
      principal: entry.principal.name,
      principalKind: entry.principal.kind,
      roleKind: entry.roleKind,
      role: entry.role.name,
      ...(before !== undefined && before.role.key !== entry.role.key ? { previousRole: before.role.name } : {}),
      // An Entra role or permission grants access when it is tier 0: it can take over the tenant.
      roleCanGrantAccess: entry.role.tier !== undefined
        ? entry.role.tier === PrivilegeTier.CONTROL_PLANE
        : entry.role.graphRole?.canGrantAccess ?? true,
      ...(entry.role.tier !== undefined ? { tier: entry.role.tier } : {}),
      ...(entry.role.graphRole !== undefined ? { roleTier: entry.role.graphRole.role?.tier ?? PrivilegeTier.CONTROL_PLANE } : {}),
      scope: entry.scope.value,
      // The name the configuration gives what the scope refers to (a vault's `name`), shown instead of the reference.
      ...(entry.scope.name !== undefined && entry.scope.value.includes('${') ? { scopeName: entry.scope.name } : {}),
      scopeLevel: entry.scope.level,
      ...(before !== undefined && before.scope.level !== entry.scope.level
        ? { previousScope: before.scope.value, previousScopeLevel: before.scope.level }
        : {}),
      details,
      ...(fix !== undefined ? { fix } : {}),
    };
    return { ...fields, escalation: isEscalation(fields) };
  }

  private address(address: string): string {
    return this.context.displayAddress?.(address) ?? address;
  }
}
