import type { ContractDescription, ContractsSnapshot } from './describe-contracts.js';

/**
 * What would break nodes of the released version that run beside today's
 * (docs/messaging.md, "Changing a contract"): each a sentence naming the
 * contract and the field. Allowed without a new version: a new contract (a
 * new version beside the old one), and a new optional field (receivers strip
 * fields they do not know). Anything else changes what one side sends or the
 * other accepts, and must be a new version of the contract beside the old.
 */
export function breakingChanges(released: ContractsSnapshot, current: ContractsSnapshot): string[] {
  const problems: string[] = [];
  for (const [pattern, before] of Object.entries(released.contracts)) {
    const now = current.contracts[pattern];
    if (!now) {
      problems.push(`${pattern} is gone: nodes of ${released.release} still send or await it; keep it beside its new version`);
      continue;
    }
    problems.push(...contractChanges(pattern, before, now));
  }
  return problems;
}

function contractChanges(pattern: string, before: ContractDescription, now: ContractDescription): string[] {
  const p: string[] = [];
  if (before.receipt !== now.receipt)
    p.push(`${pattern}: receipt changed from ${before.receipt} to ${now.receipt} (one side would wait for a receipt that never comes)`);
  if (!sameList(before.senders, now.senders))
    p.push(
      `${pattern}: senders changed from ${before.senders.join(', ')} to ${now.senders.join(', ')} (nodes of each version would refuse the other's)`,
    );
  if (!sameList(before.receivers ?? ['(any)'], now.receivers ?? ['(any)']))
    p.push(
      `${pattern}: receivers changed from ${(before.receivers ?? ['(any)']).join(', ')} to ${(now.receivers ?? ['(any)']).join(', ')}`,
    );
  for (const [field, was] of Object.entries(before.fields)) {
    const is = now.fields[field];
    if (!is) {
      p.push(
        `${pattern}: field ${field} is gone (${was.required ? 'released receivers require it' : 'released senders still send it, released receivers still read it'})`,
      );
      continue;
    }
    if (was.required !== is.required)
      p.push(
        `${pattern}: field ${field} became ${is.required ? 'required (released senders may leave it out)' : 'optional (released receivers require it)'}`,
      );
    if (!sameList(was.rules, is.rules))
      p.push(
        `${pattern}: field ${field}'s rules changed from ${was.rules.join(' ')} to ${is.rules.join(' ')} (one side would refuse what the other sends)`,
      );
  }
  for (const [field, is] of Object.entries(now.fields)) {
    // Inside a new (optional) nested field, a required part is new with it: the parent's own check covers it.
    const parentIsNew = field
      .split('.')
      .slice(0, -1)
      .some((_, i, parts) => !before.fields[parts.slice(0, i + 1).join('.')]);
    if (!before.fields[field] && is.required && !parentIsNew)
      p.push(`${pattern}: new field ${field} is required (released senders do not send it): make it optional`);
  }
  return p;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
