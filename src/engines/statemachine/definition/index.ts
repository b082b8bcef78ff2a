/**
 * STUB (being replaced): parse and validate state machine definitions. See the helper brief.
 */
import type { MachineDefinition, StateDefinition } from '../asl.js';
import { SfnDomainError } from '../errors.js';
import type { MachineType } from '../execution/types.js';

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

/** Parse and validate; throws SfnDomainError('InvalidDefinition', AWS's message). */
export function parseDefinition(text: string, _options: { type?: MachineType } = {}): MachineDefinition {
  try {
    return JSON.parse(text) as MachineDefinition;
  } catch {
    throw new SfnDomainError('InvalidDefinition', 'Invalid State Machine Definition');
  }
}

/** ValidateStateMachineDefinition. */
export function validateDefinition(
  _text: string,
  _options: { type?: MachineType; severity?: 'ERROR' | 'WARNING'; maxResults?: number } = {},
): ValidationResult {
  return { result: 'OK', diagnostics: [], truncated: false };
}

/** TestState's single-state definition; throws SfnDomainError('InvalidDefinition', ...). */
export function parseStateDefinition(text: string): StateDefinition {
  return JSON.parse(text) as StateDefinition;
}
