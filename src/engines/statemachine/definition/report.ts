/**
 * Diagnostics (ValidateStateMachineDefinition) and AWS's CreateStateMachine message, e.g.
 * `Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'`.
 * Several problems are joined as `''A at /x', 'B at /y''` (the quoting recorded for
 * DUPLICATE_STATE_NAME in LocalStack's test_stepfunctions_v2.py).
 */
export interface Diagnostic {
  severity: 'ERROR' | 'WARNING';
  code: string;
  message: string;
  location?: string;
}

export interface ValidationResult {
  result: 'OK' | 'FAIL';
  diagnostics: Diagnostic[];
  truncated: boolean;
}

export const SCHEMA = 'SCHEMA_VALIDATION_FAILED';
export const MISSING_TARGET = 'MISSING_TRANSITION_TARGET';
export const UNREACHABLE = 'UNREACHABLE_STATE'; // unverified code name
export const DUPLICATE_NAME = 'DUPLICATE_STATE_NAME';
export const INVALID_JSON = 'INVALID_JSON_DESCRIPTION';

/** A collector the checks write into. */
export class Report {
  readonly items: Diagnostic[] = [];
  error(code: string, message: string, location?: string): void {
    this.items.push(location === undefined ? { severity: 'ERROR', code, message } : { severity: 'ERROR', code, message, location });
  }
  schema(message: string, location: string): void {
    this.error(SCHEMA, message, location);
  }
  warning(code: string, message: string, location?: string): void {
    this.items.push(location === undefined ? { severity: 'WARNING', code, message } : { severity: 'WARNING', code, message, location });
  }
  get errors(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'ERROR');
  }
}

/** One problem as AWS prints it inside the CreateStateMachine message. */
export function formatDiagnostic(d: Diagnostic): string {
  if (d.code === INVALID_JSON || d.location === undefined) return `${d.code}: ${d.message}`; // INVALID_JSON form unverified
  return `${d.code}: ${d.message} at ${d.location}`;
}

/**
 * The listed problems stop once the text passes this many characters: locations grow with
 * nesting, so a deeply nested definition would otherwise answer an error far larger than the
 * request (quadratic in the depth). // unverified text (AWS's own cap is not recorded)
 */
const MAX_LISTED_CHARS = 16_384;

export function formatInvalidDefinition(errors: Diagnostic[]): string {
  if (errors.length === 1) return `Invalid State Machine Definition: '${formatDiagnostic(errors[0]!)}'`;
  const listed: string[] = [];
  let size = 0;
  for (const e of errors) {
    if (size > MAX_LISTED_CHARS) break;
    const text = `'${formatDiagnostic(e)}'`;
    listed.push(text);
    size += text.length + 2;
  }
  return `Invalid State Machine Definition: '${listed.join(', ')}'`;
}

/** JSON-pointer style location: '/States/A/Next'. The root is '/'. */
export function loc(base: string, ...parts: (string | number)[]): string {
  const tail = parts.map(String).join('/');
  if (base === '/' || base === '') return `/${tail}`;
  return tail ? `${base}/${tail}` : base;
}
