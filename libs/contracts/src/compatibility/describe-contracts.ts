import { getMetadataStorage } from 'class-validator';
// class-transformer keeps @Type metadata here; it has no public accessor (nor types for this path).
// @ts-expect-error untyped internal module
import { defaultMetadataStorage as storage } from 'class-transformer/cjs/storage.js';
import { allContracts, type EventContract } from '../define-event.js';

const typeStorage = storage as {
  findTypeMetadata(target: Function, property: string): { typeFunction: () => Function } | undefined;
};

/** One field of an event's payload as its receivers validate it. */
export interface FieldDescription {
  required: boolean;
  /** Every validation rule on the field, as `name(arguments)`, sorted: what a receiver accepts. */
  rules: string[];
}

/** What a node of another version must agree on for one contract (`<area>.<event>.v<N>`). */
export interface ContractDescription {
  receipt: boolean;
  senders: string[];
  receivers: string[] | null;
  /** By dotted path (`incident.date`; array items of nested classes as `perpetrators.name`). */
  fields: Record<string, FieldDescription>;
}

/** A released (or the current) set of contracts, as committed under `libs/contracts/released/`. */
export interface ContractsSnapshot {
  release: string;
  contracts: Record<string, ContractDescription>;
}

/** Every field a class declares (validated properties), nested classes expanded, by dotted path. */
export function describeFields(cls: Function, prefix = '', seen = new Set<Function>()): Record<string, FieldDescription> {
  if (seen.has(cls)) return { [`${prefix}(recursive)`]: { required: false, rules: [] } };
  const within = new Set(seen).add(cls);
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const out: Record<string, FieldDescription> = {};
  for (const name of [...new Set(metas.map((m) => m.propertyName))].sort()) {
    const own = metas.filter((m) => m.propertyName === name);
    const path = `${prefix}${name}`;
    out[path] = {
      required: !own.some((m) => m.type === 'conditionalValidation'),
      rules: own
        .filter((m) => m.type !== 'conditionalValidation')
        .map((m) => `${m.name ?? m.type}${m.each ? '[each]' : ''}(${argumentsOf(m.constraints)})`)
        .sort(),
    };
    if (own.some((m) => m.type === 'nestedValidation')) {
      const child = nestedClass(cls, name);
      if (child && child !== Array && child !== Object) Object.assign(out, describeFields(child, `${path}.`, within));
    }
  }
  return out;
}

/** The fields' names only (the privacy snapshot's view). */
export function fieldNames(cls: Function): string[] {
  return Object.keys(describeFields(cls));
}

/** The class named by class-transformer's @Type for a nested property, else its declared type. */
function nestedClass(cls: Function, property: string): Function | undefined {
  return (
    typeStorage.findTypeMetadata(cls, property)?.typeFunction() ??
    (Reflect.getMetadata('design:type', cls.prototype as object, property) as Function | undefined)
  );
}

function argumentsOf(constraints: unknown[] | undefined): string {
  return (constraints ?? []).map(argument).join(',');
}

function argument(value: unknown): string {
  if (value instanceof RegExp) return value.toString();
  if (Array.isArray(value)) return `[${value.map(argument).sort().join(',')}]`;
  if (typeof value === 'function') return value.name || 'fn';
  if (value && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}:${argument(v)}`)
      .sort()
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The network's contracts now (test contracts of the ledger area left out), for a snapshot or a check. */
export function describeContracts(
  release: string,
  contracts: ReadonlyArray<
    Pick<EventContract, 'area' | 'pattern' | 'receipt' | 'senders' | 'receivers'> & { payload: Function }
  > = allContracts(),
): ContractsSnapshot {
  const out: Record<string, ContractDescription> = {};
  for (const c of [...contracts].filter((x) => !x.area.startsWith('ledger')).sort((a, b) => a.pattern.localeCompare(b.pattern))) {
    out[c.pattern] = {
      receipt: c.receipt,
      senders: [...c.senders].sort(),
      receivers: c.receivers ? [...c.receivers].sort() : null,
      fields: describeFields(c.payload),
    };
  }
  return { release, contracts: out };
}
