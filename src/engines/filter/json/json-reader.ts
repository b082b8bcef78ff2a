/** The filter engine reads policy and pattern JSON with the shared Jackson-style reader. */
export { JsonSyntaxError, readJson, redactedLocation, tokenText, type JsonArray, type JsonEntry, type JsonNode, type JsonNumber, type JsonObject } from '../../../core/json-reader.js';
