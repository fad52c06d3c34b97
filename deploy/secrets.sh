#!/usr/bin/env bash
# A fresh set of strong secrets for Production, as export lines, and a self-signed certificate that
# signs the identity service's tokens (PKCS#12, in $REDPROPERTY_SECRETS_DIR, default ~/.config/redproperty):
#   eval "$(deploy/secrets.sh)" && deploy/run.sh --production
# Keep the printed values (a password manager, the deployment's secret store): the databases and the
# broker keep the passwords they were first given, so a later start needs the same ones. The names
# are the AppHost's parameters with '-' written '_' (Parameters__db_password is Parameters:db-password).
set -euo pipefail
dir=${REDPROPERTY_SECRETS_DIR:-${XDG_CONFIG_HOME:-$HOME/.config}/redproperty}
command -v openssl >/dev/null || { echo "openssl is required (apt-get install openssl)." >&2; exit 1; }
umask 077
mkdir -p "$dir"

secret() { openssl rand -base64 48 | tr -d '/+=\n' | cut -c1-32; }
line() { printf "export Parameters__%s='%s'\n" "${1//-/_}" "$2"; }

for name in db-password broker-password \
  identity-db-password identity-broker-password evaluation-db-password evaluation-broker-password \
  consultation-db-password consultation-broker-password volunteering-db-password volunteering-broker-password \
  organization-db-password organization-broker-password overview-db-password overview-broker-password \
  organization-person-key volunteering-person-key request-hash-key admin-password; do
  line "$name" "$(secret)"
done

# Tokens signed by a certificate of the deployment's own (RSA 3072, two years); the services read its
# public key from the identity service, so replacing it only signs everyone in again.
certificate_password=$(secret)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:3072 -sha256 -days 730 -nodes -subj "/CN=RedProperty token signing" \
  -keyout "$work/key.pem" -out "$work/certificate.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/certificate.pem" -out "$dir/identity-signing.pfx" \
  -passout "pass:$certificate_password"
line identity-certificate "$dir/identity-signing.pfx"
line identity-certificate-password "$certificate_password"
