import type { DataSource, EntityManager, EntitySubscriberInterface, LoadEvent } from 'typeorm';
import { isSealedAtRest } from './at-rest.js';
import type { DataKey, DataKeys } from './data-keys.js';

/**
 * Which columns of an entity hold a victim's identifying data, and whose they
 * are: each is stored encrypted with her data key (data-keys.ts). `text`
 * columns hold the sealed text; `json` columns (jsonb) hold the whole value
 * sealed, as a JSON string.
 */
export interface SealedColumnsOf<E> {
  entity: new () => E;
  /** The property holding her id (the key's subject). */
  subject: keyof E & string;
  text: ReadonlyArray<keyof E & string>;
  json?: ReadonlyArray<keyof E & string>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one list holds the specs of several entities
type AnySealedColumns = SealedColumnsOf<any>;

/**
 * One node's sealed columns, for every table that holds a victim's data: the
 * repositories seal what they write (`seal`), every entity TypeORM loads is
 * opened as it loads (`register`), raw queries open theirs (`openRow`), and
 * rows stored in plain before are sealed at start (`sealPlainRows`).
 */
export class SealedColumns {
  constructor(
    readonly keys: DataKeys,
    private readonly specs: ReadonlyArray<AnySealedColumns>,
  ) {}

  /** Opens every entity of these specs as TypeORM loads it (in the loading transaction). */
  register(dataSource: DataSource): void {
    if (dataSource.subscribers.some((s) => s instanceof OpenOnLoad && s.columns === this)) return;
    dataSource.subscribers.push(new OpenOnLoad(this));
  }

  /** A copy of `values` with the sealed columns sealed with her key (made at first use). */
  async seal<E>(manager: EntityManager, spec: SealedColumnsOf<E>, subjectId: string, values: Partial<E>): Promise<Partial<E>> {
    const present = [...spec.text, ...(spec.json ?? [])].filter((p) => values[p] !== undefined);
    if (!present.length) return values;
    const key = await this.keys.forWriting(manager, subjectId);
    return sealWith(key, spec, values);
  }

  /** The entity with its sealed columns opened, in place. */
  async open<E extends object>(manager: EntityManager, entity: E): Promise<E> {
    const spec = this.specs.find((s) => entity instanceof s.entity) as SealedColumnsOf<E> | undefined;
    if (!spec) return entity;
    const subject = entity[spec.subject] as unknown as string | null | undefined;
    if (!subject || !isSealed(spec, entity)) return entity;
    openWith(await this.keys.forReading(manager, subject), spec, entity);
    return entity;
  }

  /** Rows of a raw query, each opened with the key of `subjectOf(row)`; `fields` maps a row's property to its column's field. */
  async openRows<R extends Record<string, unknown>>(
    manager: EntityManager,
    spec: AnySealedColumns,
    rows: R[],
    subjectOf: (row: R) => string,
    fields: Partial<Record<keyof R & string, string>>,
  ): Promise<R[]> {
    const keys = await this.keys.manyForReading(manager, [...new Set(rows.map(subjectOf))]);
    return rows.map((row) => {
      const key = keys.get(subjectOf(row))!;
      const opened: Record<string, unknown> = { ...row };
      for (const [property, field] of Object.entries(fields) as Array<[string, string]>) {
        opened[property] = key.open(fieldName(spec, field), row[property] as string | null);
      }
      return opened as R;
    });
  }

  /**
   * Seals every row of `spec`'s table still holding a value in plain (stored
   * before her columns were encrypted). A migration cannot read the key file,
   * so a node does it at its start; each row is replaced only while it still
   * holds what was read, so two processes starting at once do no harm. Returns
   * how many rows it sealed. Nothing on a node without a key file.
   */
  async sealPlainRows(dataSource: DataSource, spec: AnySealedColumns): Promise<number> {
    if (!this.keys.encrypted) return 0;
    const metadata = dataSource.getMetadata(spec.entity);
    const column = (p: string) => metadata.findColumnWithPropertyName(p)!.databaseName;
    const [primary] = metadata.primaryColumns;
    const text = spec.text.map((p) => ({ p, c: column(p) }));
    const json = (spec.json ?? []).map((p) => ({ p, c: column(p) }));
    const plain = [
      ...text.map(({ c }) => `(${c} IS NOT NULL AND ${c}::text NOT LIKE 'aead1:%')`),
      // An empty object holds nothing: a forgotten person (erase-after-retention) is not sealed again under a new key.
      ...json.map(({ c }) => `(${c} IS NOT NULL AND jsonb_typeof(${c}) <> 'string' AND ${c} <> '{}'::jsonb)`),
    ].join(' OR ');
    const subject = column(spec.subject);
    const rows: Array<Record<string, unknown>> = await dataSource.query(
      `SELECT ${primary.databaseName} AS pk, ${subject} AS subject, ${[...text, ...json].map(({ c }) => `${c}::text AS "${c}"`).join(', ')}
         FROM ${metadata.tablePath} WHERE ${subject} IS NOT NULL AND (${plain})`,
    );
    let sealed = 0;
    for (const row of rows) {
      await dataSource.transaction(async (manager) => {
        const key = await this.keys.forWriting(manager, row.subject as string);
        const sets: string[] = [];
        const checks: string[] = [];
        const params: unknown[] = [row.pk];
        for (const { p, c } of text) {
          const value = row[c] as string | null;
          params.push(value);
          checks.push(`${c}::text IS NOT DISTINCT FROM $${params.length}`);
          if (value === null || isSealedAtRest(value)) continue;
          params.push(key.seal(fieldName(spec, p), value));
          sets.push(`${c} = $${params.length}`);
        }
        for (const { p, c } of json) {
          const value = row[c] as string | null;
          params.push(value);
          checks.push(`${c}::text IS NOT DISTINCT FROM $${params.length}`);
          if (value === null) continue;
          const parsed: unknown = JSON.parse(value);
          if (typeof parsed === 'string') continue;
          params.push(JSON.stringify(key.sealJson(fieldName(spec, p), parsed)));
          sets.push(`${c} = $${params.length}::jsonb`);
        }
        if (!sets.length) return;
        const [, count]: [unknown, number] = await manager.query(
          `UPDATE ${metadata.tablePath} SET ${sets.join(', ')} WHERE ${primary.databaseName} = $1 AND ${checks.join(' AND ')}`,
          params,
        );
        sealed += count;
      });
    }
    return sealed;
  }

  /**
   * Inserts rows of `spec`'s entity with their sealed columns sealed, each with
   * the key of its own subject; returns them readable, with what the database
   * filled in (ids, defaults) copied back.
   */
  async insert<E extends object>(manager: EntityManager, spec: SealedColumnsOf<E>, rows: Array<Partial<E>>): Promise<E[]> {
    const repo = manager.getRepository(spec.entity);
    const readable = rows.map((r) => repo.create(r as E));
    if (!readable.length) return readable;
    const stored = await Promise.all(
      readable.map(async (r) => {
        const subject = r[spec.subject] as unknown as string | null | undefined;
        return repo.create((subject ? await this.seal(manager, spec, subject, { ...r }) : { ...r }) as E);
      }),
    );
    await repo.insert(stored);
    for (const [i, r] of readable.entries()) {
      for (const column of repo.metadata.columns) {
        const p = column.propertyName as keyof E;
        if (r[p] === undefined && stored[i][p] !== undefined) Object.assign(r, { [p]: stored[i][p] });
      }
    }
    return readable;
  }
}

/** What a sealed value is bound to besides her id: the entity and its property. */
function fieldName(spec: AnySealedColumns, property: string): string {
  return `${spec.entity.name}.${property}`;
}

function isSealed<E>(spec: SealedColumnsOf<E>, entity: E): boolean {
  return [...spec.text, ...(spec.json ?? [])].some((p) => {
    const value = entity[p];
    return typeof value === 'string' && isSealedAtRest(value);
  });
}

function sealWith<E>(key: DataKey, spec: SealedColumnsOf<E>, values: Partial<E>): Partial<E> {
  const sealed: Partial<E> = { ...values };
  for (const p of spec.text) {
    if (values[p] !== undefined) sealed[p] = key.seal(fieldName(spec, p), values[p] as string | null) as E[typeof p];
  }
  for (const p of spec.json ?? []) {
    if (values[p] !== undefined && values[p] !== null) sealed[p] = key.sealJson(fieldName(spec, p), values[p]) as E[typeof p];
  }
  return sealed;
}

function openWith<E>(key: DataKey, spec: SealedColumnsOf<E>, entity: E): void {
  for (const p of spec.text) entity[p] = key.open(fieldName(spec, p), entity[p] as string | null) as E[typeof p];
  for (const p of spec.json ?? []) {
    const value = entity[p];
    if (typeof value === 'string' && isSealedAtRest(value)) entity[p] = key.openJson(fieldName(spec, p), value);
  }
}

/** TypeORM's hook: every loaded entity of the specs is opened before the caller sees it. */
class OpenOnLoad implements EntitySubscriberInterface {
  constructor(readonly columns: SealedColumns) {}

  afterLoad(entity: object, event?: LoadEvent<object>): Promise<unknown> | void {
    if (!event) return;
    return this.columns.open(event.manager, entity);
  }
}
