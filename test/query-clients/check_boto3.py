"""Query-protocol check with a real query client: Debian's boto3 1.26 / botocore 1.29.

botocore 1.29 speaks the SQS *query* protocol (form body, XML responses); this script
fails (exit 1) on the first behaviour that differs from AWS. Usage: check_boto3.py ENDPOINT
"""
import hashlib
import sys
import uuid

import boto3
import botocore
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
sqs = boto3.client(
    "sqs",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="AKIDEXAMPLE",
    aws_secret_access_key="x",
)
protocol = sqs.meta.service_model.protocol
assert protocol == "query", f"expected botocore {botocore.__version__} to speak query, got {protocol}"
checks = 0


def check(cond, what):
    global checks
    if not cond:
        print(f"FAIL: {what}")
        sys.exit(1)
    checks += 1


def error_of(fn, **kwargs):
    try:
        fn(**kwargs)
    except ClientError as e:
        return e
    print(f"FAIL: {fn.__name__} {kwargs} did not raise")
    sys.exit(1)


name = f"boto3-{uuid.uuid4().hex[:8]}"
url = sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "5"}, tags={"team": "a"})["QueueUrl"]
check(url.endswith(f"/000000000000/{name}"), f"queue url {url}")
check(sqs.get_queue_url(QueueName=name)["QueueUrl"] == url, "get_queue_url")
attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
check(attrs["VisibilityTimeout"] == "5" and attrs["MaximumMessageSize"] == "1048576", f"attributes {attrs}")
check(attrs["MessageRetentionPeriod"] == "345600" and attrs["SqsManagedSseEnabled"] == "true", "default attributes")
check(sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "a"}, "tags")
check(url in sqs.list_queues(QueueNamePrefix="boto3-").get("QueueUrls", []), "list_queues")

sent = sqs.send_message(
    QueueUrl=url,
    MessageBody="héllo <&>",
    MessageAttributes={"MyAttribute": {"DataType": "String", "StringValue": "foobar"}},
)
check(sent["MD5OfMessageBody"] == hashlib.md5("héllo <&>".encode()).hexdigest(), "body md5")
check(sent["MD5OfMessageAttributes"] == "adb59cd4678ea5a855436b949cd07ab6", "attribute md5 (AWS test vector)")
got = sqs.receive_message(QueueUrl=url, AttributeNames=["All"], MessageAttributeNames=["All"], WaitTimeSeconds=1)["Messages"]
check(len(got) == 1 and got[0]["Body"] == "héllo <&>", f"received {got}")
check(got[0]["Attributes"]["ApproximateReceiveCount"] == "1", "receive count")
check(got[0]["MessageAttributes"]["MyAttribute"]["StringValue"] == "foobar", "message attribute")
sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=got[0]["ReceiptHandle"], VisibilityTimeout=0)
again = sqs.receive_message(QueueUrl=url, AttributeNames=["ApproximateReceiveCount"])["Messages"]
check(again[0]["Attributes"]["ApproximateReceiveCount"] == "2", "visible again after CMV 0")
sqs.delete_message(QueueUrl=url, ReceiptHandle=again[0]["ReceiptHandle"])
check("Messages" not in sqs.receive_message(QueueUrl=url), "deleted")

batch = sqs.send_message_batch(
    QueueUrl=url,
    Entries=[{"Id": "a", "MessageBody": "1"}, {"Id": "b", "MessageBody": "2"}, {"Id": "c", "MessageBody": "\u0000"}],
)
check(sorted(e["Id"] for e in batch["Successful"]) == ["a", "b"], f"batch ok {batch}")
check(batch["Failed"][0]["Id"] == "c" and batch["Failed"][0]["Code"] == "InvalidMessageContents", "batch failure entry")

fifo = sqs.create_queue(QueueName=f"{name}.fifo", Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
seqs = [sqs.send_message(QueueUrl=fifo, MessageBody=str(i), MessageGroupId="g")["SequenceNumber"] for i in range(3)]
check(seqs == sorted(seqs, key=int) and len(set(seqs)) == 3, f"sequence numbers {seqs}")
dup = sqs.send_message(QueueUrl=fifo, MessageBody="0", MessageGroupId="g")
fifo_msgs = sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10)["Messages"]
check([m["Body"] for m in fifo_msgs] == ["0", "1", "2"], f"fifo order / dedup {fifo_msgs}")

e = error_of(sqs.get_queue_url, QueueName="does-not-exist")
check(e.response["Error"]["Code"] == "AWS.SimpleQueueService.NonExistentQueue", f"code {e.response['Error']}")
check(e.response["ResponseMetadata"]["HTTPStatusCode"] == 400, "status 400")
check(isinstance(e, sqs.exceptions.QueueDoesNotExist), "modeled exception class")
e = error_of(sqs.set_queue_attributes, QueueUrl=url, Attributes={"Nope": "1"})
check(e.response["Error"]["Code"] == "InvalidAttributeName" and e.response["Error"]["Message"] == "Unknown Attribute Nope.", "InvalidAttributeName")
e = error_of(sqs.send_message, QueueUrl=fifo, MessageBody="x")
check(e.response["Error"]["Code"] == "MissingParameter", f"missing group id {e.response['Error']}")
check(e.response["Error"]["Message"] == "The request must contain the parameter MessageGroupId.", "missing group id message")
e = error_of(sqs.delete_message, QueueUrl=url, ReceiptHandle="garbage")
check(e.response["Error"]["Code"] == "ReceiptHandleIsInvalid", f"receipt handle {e.response['Error']}")
sqs.purge_queue(QueueUrl=url)
e = error_of(sqs.purge_queue, QueueUrl=url)
check(e.response["Error"]["Code"] == "AWS.SimpleQueueService.PurgeQueueInProgress", "purge twice")
check(e.response["ResponseMetadata"]["HTTPStatusCode"] == 403, "purge status 403")
e = error_of(sqs.send_message_batch, QueueUrl=url, Entries=[{"Id": str(i), "MessageBody": "x"} for i in range(11)])
check(e.response["Error"]["Code"] == "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "too many entries")

# SNS over query (every botocore speaks query for SNS): fan-out to SQS, and an error.
import json

sns = boto3.client(
    "sns",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="AKIDEXAMPLE",
    aws_secret_access_key="x",
)
topic = sns.create_topic(Name=f"{name}-topic")["TopicArn"]
check(topic == f"arn:aws:sns:us-east-1:000000000000:{name}-topic", f"topic arn {topic}")
target = sqs.create_queue(QueueName=f"{name}-target")["QueueUrl"]
target_arn = sqs.get_queue_attributes(QueueUrl=target, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
sub = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=target_arn)["SubscriptionArn"]
check(sub.startswith(topic + ":"), f"subscription arn {sub}")
pub = sns.publish(TopicArn=topic, Message="from boto3", Subject="s", MessageAttributes={"k": {"DataType": "String", "StringValue": "v"}})
got = sqs.receive_message(QueueUrl=target, WaitTimeSeconds=1)["Messages"]
envelope = json.loads(got[0]["Body"])
check(envelope["Type"] == "Notification" and envelope["MessageId"] == pub["MessageId"], f"envelope {envelope}")
check(envelope["Message"] == "from boto3" and envelope["Subject"] == "s", "envelope message/subject")
check(envelope["MessageAttributes"] == {"k": {"Type": "String", "Value": "v"}}, "envelope attributes")
e = error_of(sns.publish, TopicArn=f"{topic}-missing", Message="x")
check(e.response["Error"]["Code"] == "NotFound" and e.response["Error"]["Message"] == "Topic does not exist", f"sns error {e.response['Error']}")
check(e.response["ResponseMetadata"]["HTTPStatusCode"] == 404, "sns NotFound status")
check(isinstance(e, sns.exceptions.NotFoundException), "sns modeled exception class")
e = error_of(sns.get_topic_attributes, TopicArn="nope")
check(e.response["Error"]["Code"] == "InvalidParameter", "sns InvalidParameter")
check(e.response["Error"]["Message"] == "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1", "sns arn message")
# Operations whose output has no members: botocore looks up <TagResourceResult> (KeyError without it).
check("ResponseMetadata" in sns.tag_resource(ResourceArn=topic, Tags=[{"Key": "team", "Value": "a"}]), "sns tag_resource")
check(sns.list_tags_for_resource(ResourceArn=topic)["Tags"] == [{"Key": "team", "Value": "a"}], "sns tags")
check("ResponseMetadata" in sns.untag_resource(ResourceArn=topic, TagKeys=["team"]), "sns untag_resource")
check(sns.list_tags_for_resource(ResourceArn=topic)["Tags"] == [], "sns tags removed")
sns.delete_topic(TopicArn=topic)

sqs.delete_queue(QueueUrl=target)
sqs.delete_queue(QueueUrl=url)
sqs.delete_queue(QueueUrl=fifo)
print(f"boto3 {boto3.__version__} / botocore {botocore.__version__} ({protocol}) checks passed: {checks}")
