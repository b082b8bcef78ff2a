import { createSignalbox } from './src/index.js';
const sb = await createSignalbox(); const url = await sb.listen(0);
const post = async (body: string) => { const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }); return r.status + ' ' + (await r.text()).slice(0, 400); };
const j = async (target: string, body: string, v = '1.1') => { const r = await fetch(url, { method: 'POST', headers: { 'content-type': `application/x-amz-json-${v}`, 'x-amz-target': target }, body }); return r.status + ' ' + (await r.text()).slice(0, 400); };
const deep = (n: number) => '{"a":'.repeat(n) + '[1]' + '}'.repeat(n);
const deepArr = (n: number) => '{"a":' + '['.repeat(n) + '1' + ']'.repeat(n) + '}';
const ev = (detail: string) => JSON.stringify({"id":"1","source":"a","detail-type":"b","account":"1","time":"2020-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":JSON.parse(detail)});
for (const n of [998, 5000]) {
  console.log(n, await j('AWSEvents.TestEventPattern', JSON.stringify({ Event: ev('{}'), EventPattern: deep(n) })));
  console.log(n, await j('AWSEvents.TestEventPattern', JSON.stringify({ Event: ev('{}'), EventPattern: deepArr(n) })));
  console.log(n, await j('AWSEvents.TestEventPattern', JSON.stringify({ Event: '{"detail":' + '['.repeat(n) + ']'.repeat(n) + '}', EventPattern: '{"source":["a"]}' })));
  console.log(n, await j('AWSEvents.PutEvents', JSON.stringify({ Entries: [{ Source: 'a', DetailType: 'b', Detail: deep(n) }] })));
}
console.log(await post('Action=CreateTopic&Version=2010-03-31&Name=t1'));
for (const n of [998, 5000]) {
console.log(n, await post(`Action=Subscribe&Version=2010-03-31&TopicArn=arn:aws:sns:us-east-1:000000000000:t1&Protocol=sqs&Endpoint=arn:aws:sqs:us-east-1:000000000000:q1&Attributes.entry.1.key=FilterPolicy&Attributes.entry.1.value=${encodeURIComponent(deep(n))}&Attributes.entry.2.key=FilterPolicyScope&Attributes.entry.2.value=MessageBody`));
console.log(n, await post(`Action=Subscribe&Version=2010-03-31&TopicArn=arn:aws:sns:us-east-1:000000000000:t1&Protocol=sqs&Endpoint=arn:aws:sqs:us-east-1:000000000000:q1&Attributes.entry.1.key=FilterPolicy&Attributes.entry.1.value=${encodeURIComponent(deepArr(n))}`));
console.log(n, await post(`Action=Publish&Version=2010-03-31&TopicArn=arn:aws:sns:us-east-1:000000000000:t1&Message=${encodeURIComponent(deep(n))}`));
}
await sb.close();
