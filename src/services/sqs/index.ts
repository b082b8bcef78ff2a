/**
 * The SQS service: AWS operation names → handlers over the queue engine.
 *
 * LIMITATIONS: queue policies are stored and returned but not enforced (every caller may do
 * everything); KMS attributes are stored, messages are not encrypted; the message size limit
 * counts attribute names, types and values like AWS but not system attributes.
 */
import type { QueueEngine } from '../../engines/queue/index.js';
import { sqsModel } from '../../../protocols/index.js';
import type { Handlers } from '../context.js';
import { messageOperations } from './message-operations.js';
import { moveTaskOperations } from './move-tasks.js';
import { queueOperations } from './queue-operations.js';
import type { SqsHandlers, SqsOperationName } from './types.js';

export interface SqsService {
  model: typeof sqsModel;
  handlers: Handlers;
}

/** Every SQS operation's typed handler (a missing operation is a compile error, see below). */
export function sqsHandlers(engine: QueueEngine): SqsHandlers {
  return { ...queueOperations(engine), ...messageOperations(engine), ...moveTaskOperations(engine) };
}

// The map's keys are exactly the model's operations: one missing or one extra is a compile error.
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const keysMatch: Equal<keyof ReturnType<typeof sqsHandlers>, SqsOperationName> &
  Equal<keyof ReturnType<typeof queueOperations> | keyof ReturnType<typeof messageOperations> | keyof ReturnType<typeof moveTaskOperations>, SqsOperationName> = true;
void keysMatch;

/**
 * The one boundary between the typed handlers and the server's untyped dispatch map. The cast is
 * sound for what reaches it: the protocol parsers build each input by walking this operation's
 * request schema from the same `@aws-sdk/client-sqs` module the types come from (required
 * members checked, numbers, booleans, blobs and maps decoded), and in-process callers (SNS, Step
 * Functions tasks) shape their input by the same schema.
 */
export function toDispatch(handlers: Partial<SqsHandlers>): Handlers {
  return handlers as unknown as Handlers;
}

export function createSqsService(engine: QueueEngine): SqsService {
  return { model: sqsModel, handlers: toDispatch(sqsHandlers(engine)) };
}
