import { ConfigError } from './config-error.js';

/** Environment variables as a node receives them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** One setting: reads its variable(s) and reports each problem as a sentence that names the variable. */
export interface Setting<T> {
  read(env: Env, report: (problem: string) => void): T;
}

/** A lib's or node's configuration: one setting per key. */
export type ConfigSchema = { readonly [key: string]: Setting<unknown> };

/** The configuration a schema reads. */
export type ConfigOf<S extends ConfigSchema> = { -readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : never };

/** Reads every setting of `schema`; throws one ConfigError naming every problem found. */
export function readConfig<S extends ConfigSchema>(schema: S, env: Env = process.env): ConfigOf<S> {
  const problems: string[] = [];
  const config = collectConfig(schema, env, problems);
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** Like readConfig, but adds the problems to `problems`; the result is only meaningful when none were added. */
export function collectConfig<S extends ConfigSchema>(schema: S, env: Env, problems: string[]): ConfigOf<S> {
  return readEach(schema, env, (p) => problems.push(p));
}

/** Another schema (a lib's) as one setting of this one, read from `env` or from a view of it. */
export function section<S extends ConfigSchema>(schema: S, view: (env: Env) => Env = (env) => env): Setting<ConfigOf<S>> {
  return { read: (env, report) => readEach(schema, view(env), report) };
}

function readEach<S extends ConfigSchema>(schema: S, env: Env, report: (problem: string) => void): ConfigOf<S> {
  const config: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(schema)) config[key] = s.read(env, report);
  return config as ConfigOf<S>;
}

/** A setting written out by hand, for what the declarative ones below do not say. */
export function setting<T>(read: (env: Env, report: (problem: string) => void) => T): Setting<T> {
  return { read };
}

interface Common {
  /**
   * `default` (the usual): a blank variable counts as absent and takes the
   * default; `value`: only an absent one does, and a blank one is read (and
   * usually refused).
   */
  blank?: 'default' | 'value';
}

/** The variable's trimmed value, or undefined when the default applies. */
function rawOf(env: Env, name: string, blank: Common['blank'] = 'default'): string | undefined {
  const raw = env[name]?.trim();
  return blank === 'default' ? raw || undefined : raw;
}

/** A problem's sentence, or one made from the value read (trimmed) and the value as given. */
type Problem = string | ((value: string, given: string) => string);
const say = (problem: Problem, value: string, given: string | undefined): string =>
  typeof problem === 'string' ? problem : problem(value, given ?? value);

/** A text variable (trimmed); required unless it has a default. */
export function text(
  name: string,
  options: Common & {
    default?: string;
    /** Problem when absent (default: `NAME is required`). */
    required?: string;
    pattern?: RegExp;
    check?: (value: string) => boolean;
    /** Problem when the value fails `pattern` or `check` (default: `NAME="value" must match /pattern/`). */
    problem?: Problem;
  } = {},
): Setting<string> {
  return setting((env, report) => {
    const value = rawOf(env, name, options.blank) ?? options.default;
    if (!value) {
      report(options.required ?? `${name} is required`);
      return '';
    }
    if ((options.pattern && !options.pattern.test(value)) || (options.check && !options.check(value))) {
      report(options.problem ? say(options.problem, value, env[name]) : `${name}="${value}" must match ${String(options.pattern)}`);
    }
    return value;
  });
}

/** An optional text variable: undefined when absent or blank. `trim: false` keeps it as given (passwords). */
export function optionalText(name: string, options: { trim?: boolean } = {}): Setting<string | undefined> {
  return setting((env) => (options.trim === false ? env[name] : env[name]?.trim()) || undefined);
}

/** A number; `whole` numbers only, within `min`/`max` (inclusive) and above `above`. */
export function number(
  name: string,
  options: Common & { default: number; whole?: boolean; min?: number; max?: number; above?: number; problem: Problem },
): Setting<number> {
  return setting((env, report) => {
    const raw = rawOf(env, name, options.blank);
    if (raw === undefined) return options.default;
    const value = Number(raw);
    const fits =
      Number.isFinite(value) &&
      (!options.whole || Number.isInteger(value)) &&
      (options.min === undefined || value >= options.min) &&
      (options.max === undefined || value <= options.max) &&
      (options.above === undefined || value > options.above);
    if (!fits) report(say(options.problem, raw, env[name]));
    return value;
  });
}

/** One of a few words. */
export function oneOf<const V extends string>(
  name: string,
  values: readonly V[],
  options: Common & { default: V; problem?: Problem },
): Setting<V> {
  return setting((env, report) => {
    const value = rawOf(env, name, options.blank) ?? options.default;
    if (!values.includes(value as V))
      report(options.problem ? say(options.problem, value, env[name]) : `${name} must be ${values.join(' or ')}`);
    return value as V;
  });
}

/** `true` or `false`. */
export function flag(name: string, options: Common & { default: boolean }): Setting<boolean> {
  const word = oneOf(name, ['true', 'false'], { ...options, default: options.default ? 'true' : 'false' });
  return setting((env, report) => word.read(env, report) === 'true');
}
