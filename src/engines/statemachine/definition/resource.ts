/**
 * Task `Resource` ARNs: optimized integrations `arn:aws:states:::<service>:<action>[.sync|.sync:2|
 * .waitForTaskToken]`, SDK integrations `arn:aws:states:::aws-sdk:<service>:<action>[...]`,
 * activities and Lambda function ARNs.
 */
export type ResourceKind = 'service' | 'aws-sdk' | 'activity' | 'lambda';

export interface ParsedResource {
  kind: ResourceKind;
  service?: string;
  action?: string;
  pattern?: 'sync' | 'sync:2' | 'waitForTaskToken';
}

/** Optimized integrations (service → actions), from AWS's "Integrating optimized services" list. */
const OPTIMIZED: Record<string, string[]> = {
  lambda: ['invoke'],
  sns: ['publish'],
  sqs: ['sendMessage'],
  dynamodb: ['getItem', 'putItem', 'updateItem', 'deleteItem'],
  events: ['putEvents'],
  states: ['startExecution'],
  apigateway: ['invoke'],
  http: ['invoke'],
  batch: ['submitJob'],
  ecs: ['runTask'],
  glue: ['startJobRun'],
  databrew: ['startJobRun'],
  athena: ['startQueryExecution', 'stopQueryExecution', 'getQueryExecution', 'getQueryResults'],
  codebuild: [
    'startBuild',
    'stopBuild',
    'batchDeleteBuilds',
    'batchGetReports',
    'startBuildBatch',
    'stopBuildBatch',
    'retryBuildBatch',
    'deleteBuildBatch',
  ],
  elasticmapreduce: [
    'createCluster',
    'terminateCluster',
    'addStep',
    'cancelStep',
    'setClusterTerminationProtection',
    'modifyInstanceFleetByName',
    'modifyInstanceGroupByName',
  ],
  'emr-containers': ['startJobRun', 'createVirtualCluster', 'deleteVirtualCluster'],
  'emr-serverless': ['createApplication', 'startApplication', 'stopApplication', 'deleteApplication', 'startJobRun', 'cancelJobRun'],
  eks: ['createCluster', 'deleteCluster', 'createFargateProfile', 'deleteFargateProfile', 'createNodegroup', 'deleteNodegroup', 'runJob', 'call'],
  sagemaker: [
    'createTrainingJob',
    'createTransformJob',
    'createHyperParameterTuningJob',
    'createLabelingJob',
    'createProcessingJob',
    'createModel',
    'createEndpoint',
    'createEndpointConfig',
    'updateEndpoint',
  ],
  bedrock: ['invokeModel', 'createModelCustomizationJob'],
  mediaconvert: ['createJob'],
  glacier: [],
};

const PARTITION = '(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc)';

/** Returns null when the ARN is not a resource Step Functions recognizes. */
export function parseResource(arn: string): ParsedResource | null {
  let m = new RegExp(`^arn:${PARTITION}:states:::(.+)$`).exec(arn);
  if (m) {
    let rest = m[2]!;
    let pattern: ParsedResource['pattern'];
    const suffix = /\.(sync:2|sync|waitForTaskToken)$/.exec(rest);
    if (suffix) {
      pattern = suffix[1] as ParsedResource['pattern'];
      rest = rest.slice(0, suffix.index);
    }
    const sdk = /^aws-sdk:([a-z0-9-]+):([a-zA-Z][A-Za-z0-9]*)$/.exec(rest);
    if (sdk) return { kind: 'aws-sdk', service: sdk[1]!, action: sdk[2]!, ...(pattern ? { pattern } : {}) };
    const opt = /^([a-z0-9-]+):([a-zA-Z][A-Za-z0-9]*)$/.exec(rest);
    if (opt && OPTIMIZED[opt[1]!]?.includes(opt[2]!)) {
      return { kind: 'service', service: opt[1]!, action: opt[2]!, ...(pattern ? { pattern } : {}) };
    }
    return null;
  }
  m = new RegExp(`^arn:${PARTITION}:states:[^:\\s]+:[^:\\s]+:activity:[^:\\s]{1,80}$`).exec(arn);
  if (m) return { kind: 'activity' };
  m = new RegExp(`^arn:${PARTITION}:lambda:[^:\\s]+:[^:\\s]+:function:[a-zA-Z0-9-_]{1,64}(:(\\$LATEST|[a-zA-Z0-9-_]+))?$`).exec(arn);
  if (m) return { kind: 'lambda' };
  return null;
}
