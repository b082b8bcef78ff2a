/** EventBridge's modeled errors for connections and API destinations, worded as AWS words them. */
import type { AwsError } from '../../../../protocols/index.js';
import { eventsError } from '../errors.js';

export { eventsError };

/** Recorded (test_delete_connection). AWS uses the describe wording for every operation. */
export const connectionNotFound = (name: string): AwsError =>
  eventsError('ResourceNotFoundException', `Failed to describe the connection(s). Connection '${name}' does not exist.`);

/** Unverified text (LocalStack's). */
export const connectionExists = (name: string): AwsError => eventsError('ResourceAlreadyExistsException', `Connection ${name} already exists.`);

/** Recorded (test_api_destinations). */
export const apiDestinationNotFound = (name: string): AwsError =>
  eventsError('ResourceNotFoundException', `Failed to describe the api-destination(s). An api-destination '${name}' does not exist.`);

/** Unverified text (LocalStack's). */
export const apiDestinationExists = (name: string): AwsError =>
  eventsError('ResourceAlreadyExistsException', `An api-destination '${name}' already exists.`);
