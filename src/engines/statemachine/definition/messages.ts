/**
 * AWS's message texts. Recorded ones are marked `// recorded`; the others follow AWS's style and
 * are marked `// unverified text`.
 */
export const msg = {
  // recorded: test_sfn_api_validation EMPTY_DICT ("[States, StartAt]"), test_sfn_api ("[States]")
  required: (fields: string[]) => `These fields are required: [${fields.join(', ')}]`,
  // recorded: test_credentials_base
  fieldRequired: (field: string) => `The field '${field}' is required but was missing`,
  // recorded: test_test_state_machine_scenarios (Type)
  enumValue: (field: string, values: string[]) => `The field '${field}' should have one of these values: [${values.join(', ')}]`,
  // recorded: test_state_mock_validation (Branches)
  empty: () => 'Value cannot be empty',
  // recorded: test_base_scenarios test_wait_timestamp_invalid
  rfc3339: () => 'String does not match RFC3339 timestamp',
  // recorded: test_base_scenarios test_illegal_escapes
  payloadPath: (key: string) => `The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`,
  // recorded: test_dynamodb_task_service test_invalid_integration
  resource: (arn: string) =>
    `The resource provided ${arn} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`,
  // recorded (note the trailing space; AWS's message then reads "...integration  at /States/...")
  expressWaitForTaskToken: () => "Express state machine does not support '.waitForTaskToken' service integration ",
  // recorded
  expressSync: () => "Express state machine does not support '.sync' service integration",
  // recorded
  expressActivity: () => 'Express state machine does not support Activity ARN',
  // recorded: test_sfn_api_validation INVALID_DOWNGRADE_QUERY_LANGUAGE (location is the state)
  queryLanguageDowngrade: () => "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
  // recorded: test_sfn_api_validation EMPTY_STRING (no location)
  notAnObject: () => 'Definition must be a valid JSON object',
  // recorded (brief): MISSING_TRANSITION_TARGET: Missing 'Next' target: X at /States/Y/Next
  missingTarget: (field: string, target: string) => `Missing '${field}' target: ${target}`,
  // recorded in LocalStack's test_stepfunctions_v2.py docstring (Step Functions Local text)
  duplicateName: (name: string) => `Duplicate State name: ${name}`,

  // Research §2.1 / floci#2735 say "Field 'Catch' is not supported"; exact AWS wording unverified.
  notSupported: (field: string) => `Field '${field}' is not supported`, // unverified text
  unreachable: (name: string) => `State '${name}' is not reachable`, // unverified text
  nextOrEnd: () => 'Exactly one of these fields is required: [Next, End]', // unverified text
  exactlyOne: (fields: string[]) => `Exactly one of these fields is required: [${fields.join(', ')}]`, // unverified text
  atMostOne: (fields: string[]) => `Only one of these fields is allowed: [${fields.join(', ')}]`, // unverified text
  type: (field: string, kind: string) => `The value for the field '${field}' must be ${kind}`, // unverified text
  jsonPath: (field: string) => `The value for the field '${field}' must be a valid JSONPath`, // unverified text
  referencePath: (field: string) => `The value for the field '${field}' must be a valid Reference Path`, // unverified text
  jsonata: (field: string, detail: string) => `The value for the field '${field}' must be a valid JSONata expression: ${detail}`, // unverified text
  range: (field: string, min: number, max?: number) =>
    max === undefined
      ? `The value for the field '${field}' must be greater than or equal to ${min}` // unverified text
      : `The value for the field '${field}' must be between ${min} and ${max}`, // unverified text
  heartbeat: () => "The value for the field 'HeartbeatSeconds' must be smaller than the value for the field 'TimeoutSeconds'", // unverified text
  statesAll: () => "'States.ALL' must appear alone in 'ErrorEquals' and in the last element of the array", // unverified text
  choiceRule: () => 'A Choice Rule must have exactly one comparison operator, or one of And, Or, Not', // unverified text
  choiceVariable: () => "A comparison rule must have the field 'Variable'", // unverified text
  distributedOnly: (field: string) => `Field '${field}' is only supported in DISTRIBUTED mode`, // unverified text
  stateNameLength: () => 'State name length should be between 1 and 80 characters', // unverified text
  choiceNoNext: () => "Nested Choice Rules can not have the field 'Next'", // unverified text
  labelEmpty: () => 'Label cannot be empty', // recorded inside AWS's odd "Error=ValueError Args=[...]" text
  labelTooLong: () => 'Label cannot exceed 40 characters', // recorded (same form)
  labelChar: (c: string) => `Label contains invalid character: '${c}'`, // recorded (same form)
};
