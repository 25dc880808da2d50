import type { LoggerService, LogLevel } from '@nestjs/common';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { oneOf, type ConfigSchema } from '@rujukan/contracts';
import { currentCorrelationId } from '@rujukan/messaging';
import { CENSOR, PINO_REDACT_PATHS, redact } from './logging/redaction.js';

const LEVELS: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
const PINO_LEVEL: Record<LogLevel, Level> = { verbose: 'trace', debug: 'debug', log: 'info', warn: 'warn', error: 'error', fatal: 'fatal' };
const NEST_LEVEL: Record<string, string> = { trace: 'VERBOSE', debug: 'DEBUG', info: 'LOG', warn: 'WARN', error: 'ERROR', fatal: 'FATAL' };

/** How a node writes its log: `json` (one object a line, for collectors; the default) or `pretty` (a readable line, for `npm start`). */
export type LogFormat = 'json' | 'pretty';

export interface LoggingSettings {
  level: LogLevel;
  format: LogFormat;
}

/** The variables of the node's log. */
export const LOGGING_SCHEMA = {
  level: oneOf('LOG_LEVEL', LEVELS, { default: 'log', problem: (given) => `LOG_LEVEL="${given}" must be one of ${LEVELS.join(', ')}` }),
  format: oneOf('LOG_FORMAT', ['json', 'pretty'] as const, { default: 'json' }),
} satisfies ConfigSchema;

/** Where lines go: below warn to standard output, warn and above to standard error. */
export interface LogSink {
  out: (line: string) => void;
  err: (line: string) => void;
}

const PROCESS_SINK: LogSink = {
  out: (line) => process.stdout.write(line),
  err: (line) => process.stderr.write(line),
};

/**
 * The node's log, through pino: one JSON object a line with time, level,
 * node, agency, context and the correlation id of the request or event being
 * handled, so one referral can be followed across every node's log. Every
 * identifying field is redacted (logging/redaction.ts) whatever is logged;
 * messages themselves must never carry victims' data. `pretty` writes the
 * same entries as plain readable lines, without colour codes.
 */
export class NodeLogger implements LoggerService {
  private readonly pino: Logger;
  private min: number;

  constructor(
    private readonly node: string,
    options: { level?: LogLevel; format?: LogFormat; agency?: string; sink?: LogSink } = {},
  ) {
    const level = options.level ?? (process.env.LOG_LEVEL as LogLevel) ?? 'log';
    this.min = Math.max(0, LEVELS.indexOf(level));
    const format = options.format ?? (process.env.LOG_FORMAT === 'pretty' ? 'pretty' : 'json');
    const sink = options.sink ?? PROCESS_SINK;
    const shape = format === 'pretty' ? readableLine : (line: string) => line;
    const stream = (write: (line: string) => void): DestinationStream => ({ write: (line: string) => write(shape(line)) });
    this.pino = pino(
      {
        level: 'trace', // the level is checked here, where Nest changes it
        base: { node, ...(options.agency ? { agency: options.agency } : {}) },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        redact: { paths: PINO_REDACT_PATHS, censor: CENSOR },
        mixin: () => {
          const corr = currentCorrelationId();
          return corr ? { corr } : {};
        },
      },
      pino.multistream(
        [
          { level: 'trace', stream: stream(sink.out) },
          { level: 'warn', stream: stream(sink.err) },
        ],
        { dedupe: true },
      ),
    );
  }

  setLogLevels(levels: LogLevel[]): void {
    this.min = Math.min(...levels.map((l) => LEVELS.indexOf(l)).filter((i) => i >= 0));
  }

  log(message: unknown, context?: string): void {
    this.write('log', message, context);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack?, context?); the stack is left out: it can quote data.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    this.write('error', message instanceof Error ? `${message.name}: ${message.message}` : message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('verbose', message, context);
  }

  /** A structured entry (the request line): its fields are redacted like any logged object. */
  entry(level: LogLevel, fields: Record<string, unknown>, message: string, context?: string): void {
    if (LEVELS.indexOf(level) < this.min) return;
    this.pino[PINO_LEVEL[level]]({ ...(redact(fields) as object), ...(context ? { context } : {}) }, message);
  }

  private write(level: LogLevel, message: unknown, context?: string): void {
    if (LEVELS.indexOf(level) < this.min) return;
    const fields = context ? { context } : {};
    if (typeof message === 'string') this.pino[PINO_LEVEL[level]](fields, message);
    else this.pino[PINO_LEVEL[level]]({ ...fields, detail: redact(message) }, '');
  }
}

/** A pino line as `time node LEVEL [context] corr=… message key=value`, plain text. */
function readableLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { time, level, node, agency: _agency, context, corr, msg, ...rest } = entry;
  const extra = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  const text = [msg, extra].filter(Boolean).join(' ');
  return `${String(time)} ${String(node)} ${NEST_LEVEL[String(level)] ?? String(level)} [${typeof context === 'string' ? context : '-'}]${typeof corr === 'string' ? ` corr=${corr}` : ''} ${text}\n`;
}
