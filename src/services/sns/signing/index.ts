export { createSnsSigner, stringToSign, type SnsSigner, type SnsSignerOptions } from './signer.js';
