/** The one error seeding throws: names the file (or source), the key path and what is wrong. */

export type KeyPath = ReadonlyArray<string | number>;

/** `['resources', 'topics', 1, 'endpoint']` → `resources.topics[1].endpoint`. */
export function formatPath(path: KeyPath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}

export interface ConfigErrorInit {
  /** The config file (or e.g. `createSignalbox({ resources })`); default `config`. */
  source?: string | undefined;
  path?: KeyPath;
  /** 1-based line in the source file, when known. */
  line?: number | undefined;
}

export class ConfigError extends Error {
  readonly source: string;
  readonly path: KeyPath;
  readonly reason: string;
  readonly line: number | undefined;

  constructor(reason: string, init: ConfigErrorInit = {}) {
    const source = init.source ?? 'config';
    const path = init.path ?? [];
    const where = `${source}${init.line !== undefined ? `:${init.line}` : ''}`;
    super(`Invalid Signalbox config ${where}: ${path.length ? `${formatPath(path)}: ` : ''}${reason}`);
    this.name = 'ConfigError';
    this.source = source;
    this.path = path;
    this.reason = reason;
    this.line = init.line;
  }

  /** The same error, attributed to a file (and line). */
  in(source: string, line?: number): ConfigError {
    return new ConfigError(this.reason, { source, path: this.path, line: line ?? this.line });
  }
}
