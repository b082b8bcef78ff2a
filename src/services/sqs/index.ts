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

export interface SqsService {
  model: typeof sqsModel;
  handlers: Handlers;
}

export function createSqsService(engine: QueueEngine): SqsService {
  return {
    model: sqsModel,
    handlers: { ...queueOperations(engine), ...messageOperations(engine), ...moveTaskOperations(engine) },
  };
}
