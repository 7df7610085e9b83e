#!/usr/bin/env bash
#
# End-to-end self-test of a running Enverify installation, through its public URL:
#
#   deploy/smoke-test.sh BASE_URL ADMIN_KEY DEVICE_KEY
#
# It calls the deployed admin and device APIs the way a PHA system and a phone app do: issue a
# code (admin), check its status (admin), verify it (device), check that it is now claimed (admin),
# exchange the token for a certificate (device), find the certificate's key in the published JWKS
# (ui), and issue and expire a second code (admin). Every call goes through BASE_URL, so the reverse
# proxy's routing to each role is tested as well.
#
# The keys must belong to one realm kept for this test (an ADMIN and a DEVICE key); the realm must
# allow the test type "confirmed". Every run leaves one claimed and one expired code in that realm.
#
# Needs bash, curl and jq. Exits 0 when every step passed; otherwise prints the failing step's name
# and exits 1 (2 for a usage error). The keys are never printed.
#
# SMOKE_WAIT_SECONDS (default 60): how long to wait for GET /health to answer 200 before the first
# step, for an installation that is still starting.

set -euo pipefail

if [[ $# -ne 3 || -z "$1" || -z "$2" || -z "$3" ]]; then
    echo "usage: $0 BASE_URL ADMIN_KEY DEVICE_KEY" >&2
    exit 2
fi
base=${1%/}
admin_key=$2
device_key=$3
for tool in curl jq; do
    command -v "$tool" >/dev/null || { echo "smoke test: $tool is required" >&2; exit 2; }
done

# A fixed example exposure-key HMAC (32 bytes, base64); a real app computes its own.
readonly ekeyhmac='2u1nHt5WWurJytFLF3xitNzM99oNrad2y4YGOL53AeY='

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

step=''
status=''
body=''

begin() { step=$1; }

fail() {
    echo "smoke test FAILED at step '$step': $*" >&2
    if [[ -n "$body" ]]; then
        echo "last response (HTTP $status): ${body:0:500}" >&2
    fi
    exit 1
}

passed() { echo "ok  $step"; }

# call METHOD PATH [API_KEY] [JSON_BODY]: sets status and body.
call() {
    local method=$1 path=$2 key=${3:-} json=${4:-}
    local args=(--silent --show-error --max-time 30 --output "$workdir/body" --write-out '%{http_code}'
        --request "$method" --header 'Accept: application/json')
    if [[ -n "$key" ]]; then
        # from a file, so that the key does not show in the process list
        printf 'X-API-Key: %s\n' "$key" >"$workdir/key-header"
        args+=(--header "@$workdir/key-header")
    fi
    if [[ -n "$json" ]]; then
        args+=(--header 'Content-Type: application/json' --data-binary "$json")
    fi
    body=''
    status=$(curl "${args[@]}" "$base$path") || fail "no HTTP answer from $base$path"
    body=$(cat "$workdir/body")
}

expect_status() {
    [[ "$status" == "$1" ]] || fail "expected HTTP $1 from ${2:-the call}, got $status"
}

# json FILTER: the filter's value in the last body (false is a value; null or absent is not).
# Use it as an assignment, var=$(json .field), so that a failure stops the script with one message.
json() {
    local value
    value=$(jq -r "($1) as \$v | if \$v == null then error(\"absent\") else \$v end" <<<"$body" 2>/dev/null) \
        || fail "the response has no $1"
    printf '%s' "$value"
}

# base64url (unpadded) to text
b64url_decode() {
    local data=${1//-/+}
    data=${data//_//}
    while (( ${#data} % 4 != 0 )); do data+='='; done
    base64 -d <<<"$data" 2>/dev/null
}

# Yesterday in UTC, so that the date is in the past in every time zone (GNU date, then BSD date).
symptom_date=$(date -u -d yesterday +%F 2>/dev/null || date -u -v-1d +%F)

begin 'wait for /health'
wait_seconds=${SMOKE_WAIT_SECONDS:-60}
deadline=$((SECONDS + wait_seconds))
until [[ "$(curl --silent --max-time 5 --output /dev/null --write-out '%{http_code}' "$base/health")" == 200 ]]; do
    (( SECONDS < deadline )) || fail "GET $base/health did not answer 200 within $wait_seconds s"
    sleep 2
done
passed

begin 'issue'
call POST /api/issue "$admin_key" "{\"testType\":\"confirmed\",\"symptomDate\":\"$symptom_date\",\"tzOffset\":0}"
expect_status 200 'POST /api/issue'
code=$(json .code)
uuid=$(json .uuid)
[[ "$code" =~ ^[0-9]{6,8}$ ]] || fail "the issued code is not 6 to 8 digits"
passed

begin 'checkcodestatus before verify'
call POST /api/checkcodestatus "$admin_key" "{\"uuid\":\"$uuid\"}"
expect_status 200 'POST /api/checkcodestatus'
claimed=$(json .claimed)
[[ "$claimed" == false ]] || fail "a fresh code is reported as claimed"
passed

begin 'verify'
call POST /api/verify "$device_key" "{\"code\":\"$code\",\"accept\":[\"confirmed\"]}"
expect_status 200 'POST /api/verify'
token=$(json .token)
test_type=$(json .testtype)
verified_date=$(json .symptomDate)
[[ "$test_type" == confirmed ]] || fail "the verified test type is $test_type, not confirmed"
[[ "$verified_date" == "$symptom_date" ]] || fail "the verified symptom date is $verified_date, not $symptom_date"
passed

begin 'checkcodestatus after verify'
call POST /api/checkcodestatus "$admin_key" "{\"uuid\":\"$uuid\"}"
expect_status 200 'POST /api/checkcodestatus'
claimed=$(json .claimed)
[[ "$claimed" == true ]] || fail "the verified code is not reported as claimed"
passed

begin 'certificate'
call POST /api/certificate "$device_key" "{\"token\":\"$token\",\"ekeyhmac\":\"$ekeyhmac\"}"
expect_status 200 'POST /api/certificate'
certificate=$(json .certificate)
IFS=. read -r cert_header cert_claims cert_signature <<<"$certificate"
[[ -n "$cert_signature" ]] || fail "the certificate is not a three-part JWT"
header_json=$(b64url_decode "$cert_header") || fail "the certificate header is not base64url"
claims_json=$(b64url_decode "$cert_claims") || fail "the certificate claims are not base64url"
[[ "$(jq -r .alg <<<"$header_json")" == ES256 ]] || fail "the certificate is not signed with ES256"
kid=$(jq -er .kid <<<"$header_json") || fail "the certificate header has no kid"
[[ "$(jq -r .reportType <<<"$claims_json")" == confirmed ]] || fail "reportType is not confirmed"
[[ "$(jq -r .tekmac <<<"$claims_json")" == "$ekeyhmac" ]] || fail "tekmac is not the ekeyhmac sent"
passed

begin 'jwks has the certificate key'
# a realm key's kid is r<realm id>v<version>; any other kid is a system key
if [[ "$kid" =~ ^r([0-9]+)v[0-9]+$ ]]; then jwks_path="/jwks/${BASH_REMATCH[1]}"; else jwks_path=/jwks/system; fi
call GET "$jwks_path"
expect_status 200 "GET $jwks_path"
jq -e --arg kid "$kid" 'any(.[]; .kid == $kid)' <<<"$body" >/dev/null \
    || fail "key $kid is not published at $jwks_path"
passed

begin 'expirecode'
call POST /api/issue "$admin_key" "{\"testType\":\"confirmed\",\"symptomDate\":\"$symptom_date\",\"tzOffset\":0}"
expect_status 200 'POST /api/issue'
second_uuid=$(json .uuid)
call POST /api/expirecode "$admin_key" "{\"uuid\":\"$second_uuid\"}"
expect_status 200 'POST /api/expirecode'
expired_uuid=$(json .uuid)
[[ "$expired_uuid" == "$second_uuid" ]] || fail "expirecode answered for another uuid"
passed

echo "smoke test passed against $base"
