/**
 * Domain errors of the bus engine (design §6). Each carries the data its AWS message needs;
 * `message` is already the AWS text, and the service maps the class to the AWS error name.
 */
export class BusEngineError extends Error {}

export class BusNotFound extends BusEngineError {
  constructor(readonly bus: string) {
    super(`Event bus ${bus} does not exist.`);
  }
}

export class BusExists extends BusEngineError {
  constructor(readonly bus: string) {
    super(`Event bus ${bus} already exists.`);
  }
}

export class CannotDeleteDefaultBus extends BusEngineError {
  constructor() {
    super('Cannot delete event bus default.');
  }
}

export class RuleNotFound extends BusEngineError {
  constructor(
    readonly rule: string,
    readonly bus: string,
  ) {
    super(`Rule ${rule} does not exist on EventBus ${bus}.`);
  }
}

/** CreateArchive when its managed rule's name is taken. unverified text */
export class RuleExists extends BusEngineError {
  constructor(readonly rule: string) {
    super(`Rule ${rule} already exists.`);
  }
}

export class RuleHasTargets extends BusEngineError {
  constructor(readonly rule: string) {
    super("Rule can't be deleted since it has targets.");
  }
}

/** ScheduleExpression on a custom bus. */
export class ScheduleOnCustomBus extends BusEngineError {
  constructor() {
    super('ScheduleExpression is supported only on the default event bus.');
  }
}

/** More than 5 targets on a rule, more than 10 active replays, ... */
export class LimitExceeded extends BusEngineError {
  constructor() {
    super('The requested resource exceeds the maximum number allowed.');
  }
}

export class StatementNotFound extends BusEngineError {
  constructor(readonly sid: string | undefined) {
    super('Statement with the provided id does not exist.');
  }
}

export class ArchiveNotFound extends BusEngineError {
  constructor(readonly archive: string) {
    super(`Archive ${archive} does not exist.`);
  }
}

export class ArchiveExists extends BusEngineError {
  constructor(readonly archive: string) {
    super(`Archive ${archive} already exists.`);
  }
}

export class ReplayNotFound extends BusEngineError {
  constructor(readonly replay: string) {
    super(`Replay ${replay} does not exist.`);
  }
}

export class ReplayExists extends BusEngineError {
  constructor(readonly replay: string) {
    super(`Replay ${replay} already exists.`);
  }
}

/** StartReplay with an unknown archive (AWS answers ValidationException). */
export class ReplayArchiveNotFound extends BusEngineError {
  constructor(readonly archive: string) {
    super(`Parameter EventSourceArn is not valid. Reason: Archive ${archive} does not exist.`);
  }
}

export class CrossBusReplay extends BusEngineError {
  constructor() {
    super('Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.');
  }
}

/** CancelReplay of a replay that already ended. */
export class ReplayNotCancellable extends BusEngineError {
  constructor(
    readonly replay: string,
    readonly state: string,
  ) {
    super(`Replay ${replay} is not in a valid state for this operation.`);
  }
}
