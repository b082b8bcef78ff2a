/**
 * The one error shape every protocol serializes (design §6, wire family). Services build these
 * from their model (code, status, legacy query code); protocols only write them out.
 */
export type Fault = 'Sender' | 'Receiver';

export interface AwsErrorInit {
  /** The error shape name: JSON `__type` suffix and the SDK exception class (e.g. QueueDoesNotExist). */
  name: string;
  message?: string;
  status: number;
  /** Legacy query code (`<Code>` in XML, `x-amzn-query-error`); defaults to `name`. */
  queryCode?: string;
  fault?: Fault;
  /** Namespace for the JSON `__type`; unmodeled coral errors use `com.amazon.coral.service`. */
  namespace?: string;
}

export class AwsError extends Error {
  readonly status: number;
  readonly code: string;
  readonly queryCode: string;
  readonly fault: Fault;
  readonly namespace: string | undefined;
  /** Whether the message member exists on the wire (MessageNotInflight has none). */
  readonly hasMessage: boolean;

  constructor(init: AwsErrorInit) {
    super(init.message ?? '');
    this.name = 'AwsError';
    this.code = init.name;
    this.status = init.status;
    this.queryCode = init.queryCode ?? init.name;
    this.fault = init.fault ?? (init.status >= 500 ? 'Receiver' : 'Sender');
    this.namespace = init.namespace;
    this.hasMessage = init.message !== undefined;
  }
}

export function isAwsError(e: unknown): e is AwsError {
  return e instanceof AwsError;
}

export function internalFailure(): AwsError {
  return new AwsError({
    name: 'InternalFailure',
    status: 500,
    message: 'The request processing has failed because of an unknown error, exception or failure.',
    namespace: 'com.amazon.coral.service',
  });
}
