/**
 * TestState: the input is checked as AWS checks it, then the engine runs the state once
 * (mocked or against the real integration) and reports status, output and inspection data.
 *
 * LIMITATIONS: Map and Parallel states run their inner states fully (AWS tests them with
 * mocks); `revealSecrets` and HTTP task request/response inspection are not emulated.
 */
import type * as sdk from '@aws-sdk/client-sfn';
import { parseDefinition, parseStateDefinition } from '../../engines/statemachine/definition/index.js';
import type { ExecutionEngine } from '../../engines/statemachine/execution/engine.js';
import type { TestStateResult } from '../../engines/statemachine/execution/test-state.js';
import type { Json, JsonObject, QueryLanguage, StateDefinition } from '../../engines/statemachine/asl.js';
import { iamArn } from '../../core/arn.js';
import {
  checkDataLength,
  checkEnum,
  checkNesting,
  executionInputError,
  checkRoleArn,
  invalidExecutionInput,
  isJson,
  MAX_DATA,
  MAX_DEFINITION,
  required,
  sfnError,
  type SfnHandlers,
  type SfnOutput,
} from './shared.js';

/**
 * The engine's result as TestState's output. The engine builds `inspectionData` in the API's
 * shape (`input`, `afterInputPath`, `result`, `request`, ...: sdk.InspectionData) but types it
 * as a plain record: this is the one place it becomes the SDK's type.
 */
function testStateOutput(r: TestStateResult): SfnOutput<'TestState'> {
  const { inspectionData, ...rest } = r;
  return inspectionData === undefined ? rest : { ...rest, inspectionData: inspectionData as sdk.InspectionData };
}

export function testStateOperations(executions: ExecutionEngine): SfnHandlers<'TestState'> {
  return {
    async TestState(input, ctx) {
      checkDataLength('definition', input.definition, MAX_DEFINITION);
      for (const member of ['input', 'variables', 'context'] as const) checkDataLength(member, input[member], MAX_DATA);
      checkEnum('inspectionLevel', input.inspectionLevel, ['INFO', 'DEBUG', 'TRACE']);
      const roleArn = input.roleArn;
      if (roleArn !== undefined) checkRoleArn(roleArn);
      const stateName = input.stateName;
      const definition = required(input.definition, 'definition');
      let state: StateDefinition;
      let queryLanguage: QueryLanguage | undefined;
      const mock = input.mock;
      if (stateName !== undefined) {
        const machine = parseDefinition(definition);
        const found = machine.States[stateName];
        // unverified text
        if (!found) throw sfnError('InvalidDefinition', `Invalid State Machine Definition: 'State '${stateName}' is not found in the definition'`);
        state = found;
        queryLanguage = machine.QueryLanguage;
      } else {
        state = parseStateDefinition(definition, { mock: mock !== undefined });
      }
      const text = input.input;
      if (text !== undefined && !isJson(text)) throw invalidExecutionInput(text);
      if (text !== undefined) checkNesting(text, executionInputError);
      for (const member of ['variables', 'context'] as const) {
        const v = input[member];
        // unverified text
        if (v !== undefined && !isJson(v)) throw sfnError('InvalidExecutionInput', `Invalid ${member}: '${v}' is not valid JSON`);
        if (v !== undefined) checkNesting(v, executionInputError);
      }
      const config = input.stateConfiguration;
      const variables = input.variables;
      const context = input.context;
      const result = await executions.testState({
        state,
        name: stateName ?? 'StateName',
        ...(queryLanguage ? { queryLanguage } : {}),
        input: text === undefined ? {} : (JSON.parse(text) as Json),
        account: ctx.account,
        region: ctx.region,
        roleArn: roleArn ?? iamArn(ctx.region, ctx.account, 'role/TestStateRole'),
        inspectionLevel: input.inspectionLevel ?? 'INFO',
        ...(variables !== undefined ? { variables: JSON.parse(variables) as Record<string, Json> } : {}),
        ...(context !== undefined ? { context: JSON.parse(context) as JsonObject } : {}),
        ...(mock ? { mock } : {}),
        ...(config?.retrierRetryCount !== undefined ? { retrierRetryCount: config.retrierRetryCount } : {}),
      });
      return testStateOutput(result);
    },
  };
}
