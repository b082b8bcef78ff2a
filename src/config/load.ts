/**
 * Reading a seeding config: YAML or JSON (by extension, else by content: a leading `{` is JSON),
 * validated, `definitionFile`s (JSON or YAML, the same way) read relative to the config. Every
 * problem is a ConfigError naming the file, the line when known, the key path and what is wrong.
 *
 * The `resources` object of a config read here remembers where it came from (configOrigin): the
 * YAML lines of its key paths and the files definitions were read from, so errors found later,
 * when applying it (AWS validation), name the line too.
 */
import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Document } from 'yaml';

// yaml loads only when a config is read (keeps it off the CLI's cold start).
let yamlModule: typeof import('yaml') | undefined;
const yaml = () => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
import { ConfigError, type KeyPath } from './errors.js';
import { validateConfig, type SignalboxConfig } from './schema.js';

export type ConfigFormat = 'yaml' | 'json';

export function detectFormat(file: string, text: string): ConfigFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

function lineOf(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 };
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    // Node 20: "... in JSON at position 42"; newer: "... (line 3 column 5)".
    const pos = /position (\d+)/.exec(msg);
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const at = pos ? lineOf(text, Number(pos[1])) : lc ? { line: Number(lc[1]), col: Number(lc[2]) } : yamlErrorAt(text);
    throw new ConfigError(`JSON syntax error${at ? ` at line ${at.line}, column ${at.col}` : ''}: ${msg}`, { source, line: at?.line });
  }
}

/** Where the YAML parser (JSON is nearly YAML) stops, for JSON errors Node gives no position for. */
function yamlErrorAt(text: string): { line: number; col: number } | undefined {
  const at = yaml().parseDocument(text, { uniqueKeys: true }).errors[0]?.linePos?.[0];
  return at ? { line: at.line, col: at.col } : undefined;
}

/** Where a parsed config's `resources` came from (see configOrigin). */
export interface ConfigOrigin {
  /** 1-based line of a key path (YAML only; the deepest existing node of the path). */
  lineOf(path: KeyPath): number | undefined;
  /** Absolute path of the file each state machine's definition was read from, by index. */
  definitionFiles: Map<number, string>;
}

const origins = new WeakMap<object, ConfigOrigin>();

/** The origin of a config's `resources` object, when it was parsed by parseConfig/loadConfigFile. */
export function configOrigin(resources: unknown): ConfigOrigin | undefined {
  return typeof resources === 'object' && resources !== null ? origins.get(resources) : undefined;
}

interface Parsed {
  value: unknown;
  /** Line of a key path (YAML only). */
  lineOf?: (path: KeyPath) => number | undefined;
}

function parseYaml(text: string, source: string): Parsed {
  const lineCounter = new (yaml().LineCounter)();
  const doc: Document = yaml().parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0].line;
    const first = err.message.split('\n')[0] ?? err.message;
    throw new ConfigError(`YAML syntax error${line !== undefined ? ` at line ${line}, column ${err.linePos?.[0].col}` : ''}: ${first}`, { source, line });
  }
  return {
    value: doc.toJS({ maxAliasCount: 1000 }),
    lineOf(path) {
      // The deepest node of the path that exists (a missing key is reported at its parent).
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        const parent = n > 0 ? doc.getIn(path.slice(0, n - 1), true) : undefined;
        // For a map key, point at the key rather than its value.
        if (n > 0 && yaml().isMap(parent)) {
          const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === path[n - 1]);
          const key = pair?.key as { range?: [number, number, number] } | undefined;
          if (key?.range) return lineCounter.linePos(key.range[0]).line;
        }
        if (n > 0 && yaml().isSeq(parent) && node?.range) return lineCounter.linePos(node.range[0]).line;
        if (node?.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

/** Parse and validate config text; `source` names the file in errors. */
export function parseConfig(text: string, source: string, format: ConfigFormat = detectFormat(source, text)): SignalboxConfig {
  const parsed: Parsed = format === 'json' ? { value: parseJson(text, source) } : parseYaml(text, source);
  let config: SignalboxConfig;
  try {
    config = validateConfig(parsed.value);
  } catch (e) {
    if (e instanceof ConfigError) throw e.in(source, parsed.lineOf?.(e.path));
    throw e;
  }
  const lineOf = parsed.lineOf;
  origins.set(config.resources, { lineOf: (path) => lineOf?.(path), definitionFiles: new Map() });
  return config;
}

/**
 * Read, parse and validate a config file. `definitionFile`s of state machines are read (relative
 * to the config's directory; JSON or YAML, by extension, else by content) and inlined as
 * `definition` (JSON text: a JSON file as written, a YAML file converted).
 */
export async function loadConfigFile(file: string): Promise<SignalboxConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read the file: ${(e as Error).message}`, { source: file });
  }
  const config = parseConfig(text, file);
  const origin = configOrigin(config.resources);
  const machines = config.resources.stateMachines ?? [];
  for (const [i, sm] of machines.entries()) {
    if (sm.definitionFile === undefined) continue;
    const path = ['resources', 'stateMachines', i, 'definitionFile'];
    const fail = (reason: string): never => {
      throw new ConfigError(reason, { source: file, path, line: origin?.lineOf(path) });
    };
    const full = resolve(dirname(file), sm.definitionFile);
    let def = '';
    try {
      def = await readFile(full, 'utf8');
    } catch (e) {
      fail(`cannot read the definition file ${full}: ${(e as Error).message}`);
    }
    if (detectFormat(full, def) === 'json') {
      try {
        JSON.parse(def);
      } catch (e) {
        fail(`the definition file ${full} is not JSON: ${(e as Error).message}`);
      }
    } else {
      const doc = yaml().parseDocument(def, { prettyErrors: true, uniqueKeys: true });
      const err = doc.errors[0];
      if (err) fail(`the definition file ${full} is not valid YAML${err.linePos ? ` (line ${err.linePos[0].line})` : ''}: ${err.message.split('\n')[0]}`);
      const value: unknown = doc.toJS({ maxAliasCount: 1000 });
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`the definition file ${full} must hold a map (an Amazon States Language definition)`);
      def = JSON.stringify(value);
    }
    sm.definition = def;
    delete sm.definitionFile;
    origin?.definitionFiles.set(i, full);
  }
  return config;
}
