/**
 * Domain errors of the queue engine (design §6): they carry data, not HTTP. The SQS service
 * maps each to the AWS error code, status and message.
 */
export class QueueEngineError extends Error {}

export class QueueNotFound extends QueueEngineError {
  constructor(readonly queue: string) {
    super(`queue ${queue} does not exist`);
  }
}

/** A queue of that name was deleted less than 60 s ago. */
export class QueueDeletedRecently extends QueueEngineError {
  constructor(readonly queue: string) {
    super(`queue ${queue} was deleted less than 60 seconds ago`);
  }
}

/** PurgeQueue less than 60 s after the previous purge. */
export class PurgeInProgress extends QueueEngineError {
  constructor(readonly queue: string) {
    super(`queue ${queue} was purged less than 60 seconds ago`);
  }
}

/** The handle cannot be decoded or belongs to another queue. */
export class ReceiptHandleInvalid extends QueueEngineError {
  constructor(readonly receiptHandle: string) {
    super(`receipt handle ${receiptHandle} is not valid`);
  }
}

/** FIFO: the handle is from an earlier receive whose visibility has ended. */
export class ReceiptHandleExpired extends QueueEngineError {
  constructor(readonly receiptHandle: string) {
    super(`receipt handle ${receiptHandle} has expired`);
  }
}

/** ChangeMessageVisibility on a message that is gone (deleted or expired). */
export class MessageNotAvailable extends QueueEngineError {
  constructor(readonly receiptHandle: string) {
    super(`message for ${receiptHandle} does not exist or is not available for visibility timeout change`);
  }
}

/** ChangeMessageVisibility on a message that is not in flight (standard queues; FIFO uses this too). */
export class MessageNotInflight extends QueueEngineError {
  constructor(readonly receiptHandle: string) {
    super(`message for ${receiptHandle} is not in flight`);
  }
}

/** The new visibility would end more than 12 h after the message was first received. */
export class VisibilityTooLong extends QueueEngineError {
  constructor(readonly requestedSeconds: number, readonly remainingSeconds: number) {
    super(`visibility ${requestedSeconds}s exceeds the 12 hour maximum (remaining ${remainingSeconds}s)`);
  }
}

/** Too many in-flight messages (standard: 120,000). */
export class OverLimit extends QueueEngineError {
  constructor(readonly limit: number) {
    super(`too many messages in flight (limit ${limit})`);
  }
}

/** The task handle cannot be read at all. */
export class MoveTaskHandleInvalid extends QueueEngineError {
  constructor(readonly taskHandle: string) {
    super(`task handle ${taskHandle} is not valid`);
  }
}

export class MoveTaskNotFound extends QueueEngineError {
  constructor(readonly taskHandle: string) {
    super(`task ${taskHandle} does not exist`);
  }
}

/** The source queue is not a dead-letter queue of any queue. */
export class MoveSourceNotDlq extends QueueEngineError {
  constructor(readonly sourceArn: string) {
    super(`${sourceArn} is not configured as a dead-letter queue`);
  }
}

export class MoveTaskAlreadyRunning extends QueueEngineError {
  constructor(readonly sourceArn: string) {
    super(`a move task is already running on ${sourceArn}`);
  }
}

/** A task can only be cancelled while RUNNING. */
export class MoveTaskNotRunning extends QueueEngineError {
  constructor(readonly taskHandle: string, readonly status: string) {
    super(`task ${taskHandle} is ${status}`);
  }
}
