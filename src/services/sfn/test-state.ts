/**
 * TestState: the input is checked as AWS checks it; running the state is not wired yet.
 *
 * LIMITATIONS: answers 501 NotImplemented after validation (the interpreter is wired later).
 */
import { AwsError } from '../../../protocols/index.js';
import { parseStateDefinition } from '../../engines/statemachine/definition/index.js';
import type { Handler } from '../context.js';
import { checkEnum, checkRoleArn, invalidExecutionInput, isJson, sfnError, str } from './shared.js';

export function testStateOperations(): Record<string, Handler> {
  return {
    TestState(input) {
      checkEnum('inspectionLevel', input.inspectionLevel, ['INFO', 'DEBUG', 'TRACE']);
      const roleArn = str(input.roleArn);
      if (roleArn !== undefined) checkRoleArn(roleArn);
      parseStateDefinition(input.definition as string);
      const text = str(input.input);
      if (text !== undefined && !isJson(text)) throw invalidExecutionInput(text);
      for (const member of ['variables', 'context'] as const) {
        const v = str(input[member]);
        // unverified text
        if (v !== undefined && !isJson(v)) throw sfnError('InvalidExecutionInput', `Invalid ${member}: '${v}' is not valid JSON`);
      }
      throw new AwsError({
        name: 'NotImplemented',
        status: 501,
        message: 'Signalbox does not implement Step Functions.TestState yet.',
        namespace: 'com.amazon.coral.service',
      });
    },
  };
}
