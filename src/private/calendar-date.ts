/**
 * Whether a value is a real `YYYY-MM-DD` day. `Date.parse` accepts 2027-02-30 (it rolls over
 * into March), so the day must read back the same.
 */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}
