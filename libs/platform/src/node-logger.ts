import { LoggerService, LogLevel } from '@nestjs/common';
import { currentCorrelationId } from '@rujukan/messaging';

const LEVELS: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

/**
 * One line per entry: time, node, level, context and the correlation id of
 * the request or event being handled, so one referral can be followed across
 * every node's log. Messages must never carry victims' data.
 */
export class NodeLogger implements LoggerService {
  private min: number;

  constructor(
    private readonly node: string,
    level: LogLevel = (process.env.LOG_LEVEL as LogLevel) || 'log',
  ) {
    this.min = Math.max(0, LEVELS.indexOf(level));
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

  private write(level: LogLevel, message: unknown, context?: string): void {
    if (LEVELS.indexOf(level) < this.min) return;
    const corr = currentCorrelationId();
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    const line = `${new Date().toISOString()} ${this.node} ${level.toUpperCase()} [${context ?? '-'}]${corr ? ` corr=${corr}` : ''} ${text}\n`;
    (LEVELS.indexOf(level) >= LEVELS.indexOf('warn') ? process.stderr : process.stdout).write(line);
  }
}
