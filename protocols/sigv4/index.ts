/** SigV4 request verification (wire level): canonical request, checks, AWS errors per service family. */
export { verifySigV4 } from './verify.js';
export type { AuthFailure, AuthFailureKind, AuthSuccess, SigV4Credential, VerifyOptions } from './verify.js';
export { authError, signatureSkewMs } from './errors.js';
export { amzDate, canonicalRequest, canonicalUri, canonicalQuery, signingKey, stringToSign, ALGORITHM, UNSIGNED_PAYLOAD } from './canonical.js';
export type { SignableRequest } from './canonical.js';
