#!/usr/bin/env bash
# Query-protocol check with the real query clients from Debian: boto3 1.26 (botocore 1.29)
# and AWS CLI 2.9 both speak SQS query. Starts a built Signalbox on a free port.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
AWS=/usr/bin/aws
log=$(mktemp)
node dist/cli/signalbox.js --port 0 --log-level warn >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do grep -q 'ready on' "$log" && break; sleep 0.1; done
endpoint=$(grep -o 'http://[0-9.]*:[0-9]*' "$log" | head -1)
[[ -n $endpoint ]] || { echo "Signalbox did not start:"; cat "$log"; exit 1; }

boto_out=$("$PY" test/query-clients/check_boto3.py "$endpoint") || { echo "$boto_out"; exit 1; }
echo "$boto_out"
boto_checks=${boto_out##*: }

export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=x AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
cli() { "$AWS" --endpoint-url "$endpoint" --output json "$@"; }
passed=0
ok() { passed=$((passed + 1)); }
url=$(cli sqs create-queue --queue-name cli-check --query QueueUrl --output text)
[[ $url == "$endpoint/000000000000/cli-check" ]] && ok || { echo "FAIL: queue url $url"; exit 1; }
cli sqs send-message --queue-url "$url" --message-body "from the cli" >/dev/null && ok
body=$(cli sqs receive-message --queue-url "$url" --query 'Messages[0].Body' --output text)
[[ $body == "from the cli" ]] && ok || { echo "FAIL: body '$body'"; exit 1; }
set +e
err=$(cli sqs get-queue-url --queue-name no-such-queue 2>&1)
code=$?
set -e
[[ $code -eq 254 && $err == *"AWS.SimpleQueueService.NonExistentQueue"* && $err == *"does not exist for this wsdl version"* ]] && ok ||
  { echo "FAIL: cli error exit=$code: $err"; exit 1; }
cli sqs delete-queue --queue-url "$url" && ok
topic=$(cli sns create-topic --name cli-topic --query TopicArn --output text)
[[ $topic == "arn:aws:sns:us-east-1:000000000000:cli-topic" ]] && ok || { echo "FAIL: topic arn $topic"; exit 1; }
mid=$(cli sns publish --topic-arn "$topic" --message "from the cli" --query MessageId --output text)
[[ $mid =~ ^[0-9a-f-]{36}$ ]] && ok || { echo "FAIL: message id '$mid'"; exit 1; }
set +e
err=$(cli sns get-topic-attributes --topic-arn "$topic-missing" 2>&1)
code=$?
set -e
[[ $code -eq 254 && $err == *"(NotFound)"* && $err == *"Topic does not exist"* ]] && ok || { echo "FAIL: sns cli error exit=$code: $err"; exit 1; }
echo "aws-cli $("$AWS" --version | cut -d' ' -f1 | cut -d/ -f2) (query) checks passed: $passed"
echo "query-clients: $((boto_checks + passed)) passed, 0 failed"
