/** Which fields each state type accepts, per query language (research §2.1, §2.3, §2.8). */
import type { QueryLanguage, StateType } from '../asl.js';

export const STATE_TYPES: StateType[] = ['Task', 'Wait', 'Pass', 'Succeed', 'Fail', 'Choice', 'Parallel', 'Map'];
export const TERMINAL_TYPES = new Set<StateType>(['Choice', 'Succeed', 'Fail']);
export const COMMON_FIELDS = ['Type', 'Comment', 'QueryLanguage'];

const J = 'JSONPath';
type Table = Record<StateType, Record<QueryLanguage, string[]>>;

const t = (jsonPath: string, jsonata: string): Record<QueryLanguage, string[]> => ({
  [J]: jsonPath.split(/\s+/).filter(Boolean),
  JSONata: jsonata.split(/\s+/).filter(Boolean),
});

export const STATE_FIELDS: Table = {
  Pass: t('Next End InputPath OutputPath Parameters ResultPath Result Assign', 'Next End Output Assign'),
  Task: t(
    `Next End Resource InputPath OutputPath Parameters ResultPath ResultSelector Retry Catch TimeoutSeconds
     TimeoutSecondsPath HeartbeatSeconds HeartbeatSecondsPath Credentials Assign`,
    'Next End Resource Arguments Output Retry Catch TimeoutSeconds HeartbeatSeconds Credentials Assign',
  ),
  Choice: t('Choices Default InputPath OutputPath Assign', 'Choices Default Output Assign'),
  Wait: t('Next End Seconds Timestamp SecondsPath TimestampPath InputPath OutputPath Assign', 'Next End Seconds Timestamp Output Assign'),
  Succeed: t('InputPath OutputPath', 'Output'),
  Fail: t('Error Cause ErrorPath CausePath', 'Error Cause'),
  Parallel: t(
    'Next End Branches InputPath OutputPath Parameters ResultPath ResultSelector Retry Catch Assign',
    'Next End Branches Arguments Output Retry Catch Assign',
  ),
  Map: t(
    `Next End ItemProcessor Iterator ItemsPath ItemSelector Parameters ItemReader ItemBatcher ResultWriter MaxConcurrency
     MaxConcurrencyPath ToleratedFailurePercentage ToleratedFailurePercentagePath ToleratedFailureCount
     ToleratedFailureCountPath Label InputPath OutputPath ResultPath ResultSelector Retry Catch Assign`,
    `Next End ItemProcessor Iterator Items ItemSelector ItemReader ItemBatcher ResultWriter MaxConcurrency
     ToleratedFailurePercentage ToleratedFailureCount Label Output Retry Catch Assign`,
  ),
};

export const TOP_FIELDS = ['StartAt', 'States', 'Comment', 'Version', 'TimeoutSeconds', 'QueryLanguage'];
export const BRANCH_FIELDS = ['StartAt', 'States', 'Comment'];
export const PROCESSOR_FIELDS = ['StartAt', 'States', 'Comment', 'ProcessorConfig'];
export const RETRIER_FIELDS = ['ErrorEquals', 'IntervalSeconds', 'MaxAttempts', 'BackoffRate', 'MaxDelaySeconds', 'JitterStrategy', 'Comment'];
export const CATCHER_FIELDS: Record<QueryLanguage, string[]> = {
  JSONPath: ['ErrorEquals', 'Next', 'ResultPath', 'Assign', 'Comment'],
  JSONata: ['ErrorEquals', 'Next', 'Output', 'Assign', 'Comment'],
};

export const CHOICE_OPERATORS: Record<string, 'string' | 'number' | 'boolean' | 'timestamp' | 'path'> = {
  StringEquals: 'string',
  StringLessThan: 'string',
  StringGreaterThan: 'string',
  StringLessThanEquals: 'string',
  StringGreaterThanEquals: 'string',
  StringMatches: 'string',
  NumericEquals: 'number',
  NumericLessThan: 'number',
  NumericGreaterThan: 'number',
  NumericLessThanEquals: 'number',
  NumericGreaterThanEquals: 'number',
  BooleanEquals: 'boolean',
  TimestampEquals: 'timestamp',
  TimestampLessThan: 'timestamp',
  TimestampGreaterThan: 'timestamp',
  TimestampLessThanEquals: 'timestamp',
  TimestampGreaterThanEquals: 'timestamp',
  IsNull: 'boolean',
  IsPresent: 'boolean',
  IsNumeric: 'boolean',
  IsString: 'boolean',
  IsBoolean: 'boolean',
  IsTimestamp: 'boolean',
};
for (const op of Object.keys(CHOICE_OPERATORS)) {
  if (/^(String|Numeric|Boolean|Timestamp)/.test(op) && op !== 'StringMatches') CHOICE_OPERATORS[`${op}Path`] = 'path';
}
