/** Names the generator derives from one kebab-case word (`school-enrolment`), so files and classes read alike everywhere. */
export const TOKEN = /^[a-z][a-z0-9-]{0,62}$/;

/** `school-enrolment` → `SchoolEnrolment`. */
export function pascal(kebab: string): string {
  return kebab
    .split(/[-.]/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** `school-enrolment` → `schoolEnrolment`. */
export function camel(kebab: string): string {
  const p = pascal(kebab);
  return p[0].toLowerCase() + p.slice(1);
}

/** `school-enrolment` → `school_enrolment` (tables, database names). */
export function snake(kebab: string): string {
  return kebab.replace(/-/g, '_');
}

/** `legal-aid` → `LEGAL_AID` (environment variables). */
export function constant(kebab: string): string {
  return snake(kebab).toUpperCase();
}

/** A role, use case or aggregate name: refused with the rule it breaks. */
export function token(what: string, value: string | undefined): string {
  if (!value || !TOKEN.test(value))
    throw new Error(`${what} must be lower case letters, digits and hyphens (${TOKEN}), not "${value ?? ''}"`);
  return value;
}

/** `education.enrolment-requested.v1` → its parts. */
export function parsePattern(pattern: string | undefined): { area: string; event: string; version: number } {
  const m = /^([a-z][a-z0-9-]*)\.([a-z][a-z0-9-]*)\.v([1-9][0-9]*)$/.exec(pattern ?? '');
  if (!m) throw new Error(`the event is <area>.<event>.v<N>, e.g. education.enrolment-requested.v1, not "${pattern ?? ''}"`);
  return { area: m[1], event: m[2], version: Number(m[3]) };
}
