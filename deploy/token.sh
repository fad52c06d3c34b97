#!/usr/bin/env bash
# A development access token for a role, from the running system (deploy/run.sh). The last line is
# the bare token:
#   deploy/token.sh district-admin | inspector | auditor | integration-client
#   deploy/token.sh community-staff <community id>
#   deploy/token.sh company-user <company id>
#   deploy/token.sh instructor <instructor id>
#   curl -H "Authorization: Bearer $(deploy/token.sh auditor | tail -1)" http://localhost:5080/api/organization/summary
# Unlimited roles use the development clients dev-<role> (secret redproperty-dev-secret); a limited
# role, or RATE_LIMIT=<requests a minute>, gets a system client of its own that a development
# district admin issues first. REDPROPERTY_GATEWAY overrides http://localhost:5080.
set -euo pipefail
gateway=${REDPROPERTY_GATEWAY:-http://localhost:5080}
secret=redproperty-dev-secret
role=${1:?usage: deploy/token.sh <role> [community | company id | instructor id]}
limit=${2:-}

token_of() { # client id, secret -> access token
  local answer
  answer=$(curl -fsS "$gateway/connect/token" -d grant_type=client_credentials -d scope=redproperty \
    --data-urlencode "client_id=$1" --data-urlencode "client_secret=$2") ||
    { echo "No token for $1 from $gateway (is deploy/run.sh running?)" >&2; exit 1; }
  sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p' <<<"$answer"
}

case "$role" in
  district-admin|inspector|auditor|integration-client)
    [ -z "$limit" ] || { echo "$role is not limited to a community, company or instructor." >&2; exit 2; } ;;
  community-staff) [ -n "$limit" ] || { echo "community-staff needs the community." >&2; exit 2; }; scope="\"community\":\"$limit\"" ;;
  company-user) [ -n "$limit" ] || { echo "company-user needs the company id." >&2; exit 2; }; scope="\"company\":\"$limit\"" ;;
  instructor) [ -n "$limit" ] || { echo "instructor needs the instructor id." >&2; exit 2; }; scope="\"instructor\":\"$limit\"" ;;
  *) echo "Unknown role '$role'." >&2; exit 2 ;;
esac

if [ -z "$limit" ] && [ -z "${RATE_LIMIT:-}" ]; then
  echo "Token for dev-$role (client credentials) from $gateway:" >&2
  token_of "dev-$role" "$secret"
  exit 0
fi

admin=$(token_of dev-district-admin "$secret")
client="dev-$role-$(printf '%s|%s' "$limit" "${RATE_LIMIT:-}" | sha256sum | cut -c1-12)"
body="{\"displayName\":\"Development $role $limit\",\"scope\":{\"roles\":[\"$role\"]${scope:+,$scope}${RATE_LIMIT:+,\"rateLimit\":$RATE_LIMIT}}}"
issued=$(curl -fsS -X PUT "$gateway/api/identity/systems/$client" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json; charset=utf-8' --data-binary "$body") ||
  { echo "The identity service refused the client $client." >&2; exit 1; }
client_secret=$(sed -n 's/.*"clientSecret" *: *"\([^"]*\)".*/\1/p' <<<"$issued")
echo "Token for $client ($role${limit:+, $limit}${RATE_LIMIT:+, $RATE_LIMIT a minute}) from $gateway:" >&2
token_of "$client" "$client_secret"
