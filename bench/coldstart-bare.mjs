// Cold-start baseline for bench/coldstart.ts: a bare node:http server started the same way as
// the built CLI (`node bench/coldstart-bare.mjs --port 0`), printing a "ready on <url>" line and
// answering any request (the bench sends an SQS ListQueues) with a small JSON document. Plain JS,
// so no loader is involved.
import { createServer } from 'node:http';

const i = process.argv.indexOf('--port');
const port = i >= 0 ? Number(process.argv[i + 1]) : 4566;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = JSON.stringify({ QueueUrls: [] });
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`bare ready on http://127.0.0.1:${server.address().port} in ${Math.round(performance.now())} ms\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
