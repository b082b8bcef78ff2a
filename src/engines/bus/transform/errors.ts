/**
 * The one error target-input compilation throws: PutTargets input AWS would refuse.
 *
 * `message` is AWS's whole message for the `ValidationException` (HTTP 400) PutTargets answers,
 * e.g. "InputTemplate for target X contains invalid placeholder notdefinedkey." (recorded).
 */
export class TargetInputError extends Error {
  override readonly name = 'TargetInputError';

  constructor(
    message: string,
    /** The target's Id, as given to compileTargetInput. */
    readonly targetId: string,
  ) {
    super(message);
  }
}

/** "Only one of Input, InputPath, or InputTransformer must be provided for target X." (recorded) */
export function onlyOneInput(targetId: string): string {
  return `Only one of Input, InputPath, or InputTransformer must be provided for target ${targetId}.`;
}

/** "InputTemplate for target X contains invalid placeholder notdefinedkey." (recorded) */
export function invalidPlaceholder(targetId: string, name: string): string {
  return `InputTemplate for target ${targetId} contains invalid placeholder ${name}.`;
}

/** Jackson shows at most this much of the source text in a location, then "[truncated N chars]". */
const MAX_SOURCE_SHOWN = 500;

/**
 * An `Input` that is not JSON. Wording from a PutTargets error quoted in
 * ansible-collections/community.aws#201: "JSON syntax error in input for target clone_lambda:
 * [Source: (String)"{'db_name':..."; line: 1, column: 3]" — the prefix, then Jackson's location.
 */
export function inputJsonSyntax(targetId: string, text: string, line: number, column: number): string {
  const shown = text.length > MAX_SOURCE_SHOWN
    ? `"${text.slice(0, MAX_SOURCE_SHOWN)}"[truncated ${text.length - MAX_SOURCE_SHOWN} chars]`
    : `"${text}"`;
  return `JSON syntax error in input for target ${targetId}: [Source: (String)${shown}; line: ${line}, column: ${column}]`;
}
