import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

/**
 * docs/extending.md, followed as a newcomer would: in a copy of the
 * repository's files (node_modules linked), every block the page marks
 * `guide-test` is run or written, in order. Its last commands check the tree,
 * build it and run the tests the generator wrote, on the real bus and
 * PostgreSQL. A step of the guide that stops being true fails here.
 */
const GUIDE = 'docs/extending.md';

type Step =
  | { kind: 'run'; line: number; script: string }
  | { kind: 'file'; line: number; path: string; text: string }
  | { kind: 'replace'; line: number; path: string; find: string; with: string };

/** The page's marked blocks: `<!-- guide-test: run|file PATH|replace PATH -->` followed by one fenced block (two for replace). */
function guideSteps(markdown: string): Step[] {
  const lines = markdown.split('\n');
  const steps: Step[] = [];
  const fence = (from: number): { text: string; end: number } => {
    let i = from;
    while (i < lines.length && !lines[i].startsWith('```')) i++;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end].startsWith('```')) end++;
    if (end >= lines.length) throw new Error(`${GUIDE}:${from + 1}: a guide-test marker without its code block`);
    return { text: lines.slice(start, end).join('\n') + '\n', end: end + 1 };
  };
  for (let i = 0; i < lines.length; i++) {
    const m = /^<!-- guide-test: (run|file|replace)(?: (\S+))? -->$/.exec(lines[i]);
    if (!m) continue;
    const [, kind, path] = m;
    const first = fence(i + 1);
    if (kind === 'run') steps.push({ kind, line: i + 1, script: first.text });
    else if (kind === 'file') steps.push({ kind, line: i + 1, path, text: first.text });
    else {
      const second = fence(first.end);
      steps.push({ kind: 'replace', line: i + 1, path, find: first.text, with: second.text });
    }
  }
  return steps;
}

/**
 * Applies a replace step. Prettier formats the page's code blocks on their
 * own (it dedents them, and ends a one-line fragment with `;`), so a one-line
 * find replaces every occurrence of the line's text, and a longer one matches
 * lines by their trimmed text and is put back at the indentation it found.
 */
function replaceIn(text: string, find: string, replacement: string): string {
  const findLines = find.trimEnd().split('\n');
  const withLines = replacement.trimEnd().split('\n');
  if (findLines.length === 1 && withLines.length === 1) {
    const from = findLines[0].trim().replace(/;$/, '');
    if (!text.includes(from)) throw new Error(`"${from}" is not there`);
    return text.split(from).join(withLines[0].trim().replace(/;$/, ''));
  }
  const lines = text.split('\n');
  const wanted = findLines.map((l) => l.trim());
  for (let i = 0; i + wanted.length <= lines.length; i++) {
    if (wanted.every((w, j) => lines[i + j].trim() === w)) {
      const indent = /^\s*/.exec(lines[i])![0];
      lines.splice(i, wanted.length, ...withLines.map((l) => (l ? indent + l : l)));
      return lines.join('\n');
    }
  }
  throw new Error(`the lines starting "${wanted[0]}" are not there`);
}

describe(`${GUIDE}, followed in a copy of the repository`, () => {
  const steps = guideSteps(readFileSync(GUIDE, 'utf8'));
  let dir: string;
  let failedAt: number | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rujukan-guide-'));
    // The files a clean clone has (and, in a working copy, those not yet committed), never dist/ or .env.
    const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' });
    expect(listed.status).toBe(0);
    for (const file of listed.stdout.split('\0').filter(Boolean)) {
      try {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        cpSync(file, join(dir, file));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // deleted in the working copy, not yet committed
      }
    }
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('marks the commands and files of its example', () => {
    expect(steps.filter((s) => s.kind === 'run').length).toBeGreaterThanOrEqual(3);
    expect(steps.some((s) => s.kind === 'run' && /npm run new -- node education/.test(s.script))).toBe(true);
    expect(steps.some((s) => s.kind === 'run' && /jest/.test(s.script))).toBe(true);
  });

  // One test per step, in the page's order: a failure names the line of the guide that is no longer true.
  for (const step of steps) {
    const title =
      step.kind === 'run'
        ? `line ${step.line}: ${step.script.trim().split('\n').join('; ')}`
        : `line ${step.line}: ${step.kind} ${step.path}`;
    it(
      title,
      () => {
        if (failedAt !== undefined) throw new Error(`not run: the step at line ${failedAt} failed`);
        failedAt = step.line;
        if (step.kind === 'file') {
          writeFileSync(join(dir, step.path), step.text);
        } else if (step.kind === 'replace') {
          const path = join(dir, step.path);
          writeFileSync(path, replaceIn(readFileSync(path, 'utf8'), step.find, step.with));
        } else {
          const r = spawnSync('bash', ['-euo', 'pipefail', '-c', step.script], { cwd: dir, encoding: 'utf8', env: process.env });
          if (r.status !== 0) throw new Error(`exit ${r.status}\n${r.stdout.slice(-6000)}\n${r.stderr.slice(-6000)}`);
        }
        failedAt = undefined;
      },
      1_800_000,
    );
  }
});
