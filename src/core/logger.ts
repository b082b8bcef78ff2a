/** A small leveled logger; `bin/` picks the level, tests pass `silent`. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  level: LogLevel;
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string, err?: unknown): void;
  enabled(level: LogLevel): boolean;
}

export function isLogLevel(s: string): s is LogLevel {
  return s in ORDER;
}

export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const at = (l: LogLevel) => ORDER[l] >= ORDER[logger.level];
  const logger: Logger = {
    level,
    enabled: at,
    debug: (m) => at('debug') && write(`${new Date().toISOString()} DEBUG ${m}`),
    info: (m) => at('info') && write(`${new Date().toISOString()} INFO  ${m}`),
    warn: (m) => at('warn') && write(`${new Date().toISOString()} WARN  ${m}`),
    error: (m, err) => {
      if (!at('error')) return;
      write(`${new Date().toISOString()} ERROR ${m}`);
      if (err instanceof Error && err.stack) write(err.stack);
    },
  };
  return logger;
}
