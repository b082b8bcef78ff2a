/**
 * The SNS service: AWS operation names → handlers over the topic engine, the mobile store
 * (SMS, platform applications) and the delivery machinery.
 */
import { snsModel } from '../../../protocols/index.js';
import type { Handlers } from '../context.js';

export interface SnsService {
  model: typeof snsModel;
  handlers: Handlers;
}

export function createSnsService(parts: Handlers[]): SnsService {
  return { model: snsModel, handlers: Object.assign({}, ...parts) as Handlers };
}
