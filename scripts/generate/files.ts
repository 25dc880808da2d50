import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as prettier from 'prettier';

/**
 * The generator's writes: every file it creates or edits is formatted with
 * the project's Prettier settings, so `npm run check` sees it as a person's.
 */
export class Files {
  private readonly touched = new Map<string, string>();

  constructor(readonly root: string) {}

  exists(path: string): boolean {
    return this.touched.has(path) || existsSync(`${this.root}/${path}`);
  }

  read(path: string): string {
    return this.touched.get(path) ?? readFileSync(`${this.root}/${path}`, 'utf8');
  }

  /** The `.ts` files under `dir` (on disk and staged), as paths from the root. */
  typescriptUnder(dir: string): string[] {
    const onDisk = existsSync(`${this.root}/${dir}`) ? (readdirSync(`${this.root}/${dir}`, { recursive: true }) as string[]) : [];
    const staged = [...this.touched.keys()].filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1));
    return [...new Set([...onDisk, ...staged])].filter((p) => p.endsWith('.ts')).map((p) => `${dir}/${p}`);
  }

  /** A new file; refused if it is there already (the generator never overwrites a person's work). */
  create(path: string, text: string): void {
    if (this.exists(path)) throw new Error(`${path} exists already: the generator does not overwrite it`);
    this.touched.set(path, text);
  }

  /** Changes a file with `edit`, which must change it (an anchor the project no longer has fails here, not silently). */
  edit(path: string, edit: (text: string) => string): void {
    const before = this.read(path);
    const after = edit(before);
    if (after === before) throw new Error(`${path}: the generator found nothing to change (has its layout changed?)`);
    this.touched.set(path, after);
  }

  /** What would be written, unformatted, by path (nothing is on disk before `commit`). */
  staged(): ReadonlyMap<string, string> {
    return new Map(this.touched);
  }

  /** Writes every file, formatted; returns their paths. Nothing is written if one fails to format. */
  async commit(): Promise<string[]> {
    const formatted: Array<[string, string]> = [];
    for (const [path, text] of this.touched) {
      const full = `${this.root}/${path}`;
      const options = (await prettier.resolveConfig(full)) ?? {};
      const parser = /\.(ya?ml)$/.test(path) ? 'yaml' : /\.json$/.test(path) ? 'json' : /\.sh$|\.example$/.test(path) ? null : 'typescript';
      formatted.push([full, parser ? await prettier.format(text, { ...options, parser }) : text]);
    }
    for (const [full, text] of formatted) {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
    return [...this.touched.keys()];
  }
}

/** Replaces the one match of `pattern` in `text` (an error when there is none). */
export function replaceOnce(text: string, pattern: RegExp, replace: (...groups: string[]) => string, where: string): string {
  const m = pattern.exec(text);
  if (!m) throw new Error(`${where}: the generator did not find ${pattern} (has the file's layout changed?)`);
  return text.slice(0, m.index) + replace(...m) + text.slice(m.index + m[0].length);
}

/** Adds `item` to the list that follows `marker` in a generated module (`entities: [`), keeping what is there. */
export function addToList(text: string, marker: string, item: string, where: string): string {
  const escaped = marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return replaceOnce(
    text,
    new RegExp(`(${escaped}\\s*)\\[([^\\]]*)\\]`),
    (_all, head, items) =>
      `${head}[${[
        ...items
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        item,
      ].join(', ')}]`,
    where,
  );
}
