/**
 * The Java SDK v1 response metadata optimized integrations add to their output (sqs:sendMessage,
 * sns:publish, states:startExecution; not events:putEvents), as recorded in
 * test_sqs_task_service / test_sns_task_service / test_sfn_task_service:
 *
 *   SdkHttpMetadata: { AllHttpHeaders: { x-amzn-RequestId: [id], connection: [keep-alive],
 *     Content-Length: [n], Date: [http-date], Content-Type: [type] },
 *     HttpHeaders: { connection, Content-Length, Content-Type, Date, x-amzn-RequestId },
 *     HttpStatusCode: 200 },
 *   SdkResponseMetadata: { RequestId: id }
 *
 * Content-Length and Content-Type are those of the response Signalbox itself would send for the
 * call (its protocol serializer), so they differ from AWS's by formatting only.
 */
import { serializeOutput, type ServiceModel } from '../../../../protocols/index.js';
import type { Json, JsonObject } from '../../../engines/statemachine/asl.js';

export function sdkMetadata(model: ServiceModel, operation: string, rawOutput: unknown, requestId: string, now: Date): JsonObject {
  let length = 0;
  let type = model.protocols.includes('json') ? `application/x-amz-json-${model.jsonVersion ?? '1.0'}` : 'text/xml';
  try {
    const wire = serializeOutput({ model, protocol: model.protocols[0]!, operation }, rawOutput, requestId);
    length = Buffer.byteLength(wire.body);
    type = wire.headers['content-type'] ?? type;
  } catch {
    // metadata only: never fail a task over it
  }
  const date = now.toUTCString();
  return {
    SdkHttpMetadata: {
      AllHttpHeaders: {
        'x-amzn-RequestId': [requestId],
        connection: ['keep-alive'],
        'Content-Length': [String(length)],
        Date: [date],
        'Content-Type': [type],
      },
      HttpHeaders: {
        connection: 'keep-alive',
        'Content-Length': String(length),
        'Content-Type': type,
        Date: date,
        'x-amzn-RequestId': requestId,
      },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}

/** Keys in AWS's order: Step Functions writes task output members sorted by name. */
export function sortedObject(entries: Record<string, Json>): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(entries).sort()) out[k] = entries[k]!;
  return out;
}
