/**
 * Query-protocol response writing: our schema-walking string writer vs building the same
 * document with xml2js's Builder (the project's chosen XML library). Alternates A B A B so
 * machine noise hits both equally; reports responses/s and the ratio.
 */
import { createHash } from 'node:crypto';
import xml2js from 'xml2js';
import { sqsModel } from '../protocols/index.js';
import { compiledOperation } from '../protocols/operations.js';
import { serializeQueryOutput } from '../protocols/query/serialize.js';

function sampleReceiveOutput() {
  const Messages = Array.from({ length: 10 }, (_, i) => {
    const Body = `message body number ${i} with <xml> & "quotes"`;
    return {
      MessageId: `8f1d5c3a-0000-4000-8000-00000000000${i}`,
      ReceiptHandle: Buffer.from(`handle-${i}-`.repeat(8)).toString('base64'),
      MD5OfBody: createHash('md5').update(Body).digest('hex'),
      Body,
      Attributes: { SenderId: 'AKIDEXAMPLE', SentTimestamp: '1795360075170', ApproximateReceiveCount: '1' },
      MessageAttributes: { color: { DataType: 'String', StringValue: 'blue' }, n: { DataType: 'Number', StringValue: '42' } },
    };
  });
  return { Messages };
}

/** The equivalent xml2js object tree for one ReceiveMessage response. */
function xml2jsTree(out: ReturnType<typeof sampleReceiveOutput>, requestId: string) {
  return {
    ReceiveMessageResponse: {
      $: { xmlns: sqsModel.xmlNamespace },
      ReceiveMessageResult: {
        Message: out.Messages.map((m) => ({
          MessageId: m.MessageId,
          ReceiptHandle: m.ReceiptHandle,
          MD5OfBody: m.MD5OfBody,
          Body: m.Body,
          Attribute: Object.entries(m.Attributes).map(([Name, Value]) => ({ Name, Value })),
          MessageAttribute: Object.entries(m.MessageAttributes).map(([Name, v]) => ({ Name, Value: { StringValue: v.StringValue, DataType: v.DataType } })),
        })),
      },
      ResponseMetadata: { RequestId: requestId },
    },
  };
}

function rate(fn: () => void, ms: number): number {
  let n = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) fn();
    n += 50;
  }
  return (n * 1000) / ms;
}

export function benchXmlSerializer(rounds = 4, ms = 500): { ours: number; xml2js: number; ratio: number } {
  const output = sampleReceiveOutput();
  const op = compiledOperation(sqsModel, 'ReceiveMessage')!;
  const builder = new xml2js.Builder({ headless: false, renderOpts: { pretty: false } });
  const ours = () => void serializeQueryOutput(sqsModel, 'ReceiveMessage', op.output, output, 'req-1');
  const theirs = () => void builder.buildObject(xml2jsTree(output, 'req-1'));
  rate(ours, 200);
  rate(theirs, 200); // warm-up
  let a = 0;
  let b = 0;
  for (let r = 0; r < rounds; r++) {
    a += rate(ours, ms);
    b += rate(theirs, ms);
  }
  return { ours: a / rounds, xml2js: b / rounds, ratio: a / b };
}
