/**
 * The server under fuzz, in its own process (so a crash is an exit, and RSS is the server's
 * alone): a Signalbox on an ephemeral 127.0.0.1 port. Sends `{ port }` over IPC once listening.
 * Logs errors (with stacks and request ids) to stderr, which the parent reads for 500s.
 */
import { createSignalbox } from '../../src/index.js';
import { createLogger } from '../../src/core/logger.js';

const sb = await createSignalbox({ logger: createLogger('error'), sfnWaitTimeScale: 0.001 });
const url = await sb.listen(0, '127.0.0.1');
process.on('message', (m: { cmd?: string }) => {
  if (m.cmd === 'stop') {
    setTimeout(() => process.exit(0), 1000).unref();
    void sb.close().then(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ port: Number(new URL(url).port) });
