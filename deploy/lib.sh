# Shared by run.sh and test.sh. Sourced, not run.

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks | grep -q '^10\.'; then
    echo "The .NET 10 SDK is required (https://dot.net); install it and run again." >&2
    exit 1
  fi
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MASSTRANSIT_USAGE_TELEMETRY=false
}

container_runtime() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

# Debian packages, installed when any are named.
apt_install() {
  [ $# -eq 0 ] && return
  echo "Installing $* ..."
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# PostgreSQL and RabbitMQ from the distribution, when they are not there yet (no Docker needed).
install_local_servers() {
  local missing=()
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
  apt_install "${missing[@]}"
}

# The CJK font Evaluation draws its notices (通报) with; the build carries it beside the service. With
# "read", also poppler's pdftotext, with which the tests read the notices back.
install_notice_font() {
  local missing=()
  [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
  [ "${1:-}" != read ] || command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  apt_install "${missing[@]}"
}

require_node() {
  command -v node >/dev/null 2>&1 && return
  apt_install nodejs npm
}

# Node tools of the tests (deploy/tools: the AsyncAPI CLI, playwright-core) and the browser they drive.
install_node_tools() {
  local missing=()
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  apt_install "${missing[@]}"
  # Installed once per lock file (a copy in node_modules says which one).
  if ! cmp -s deploy/tools/package-lock.json deploy/tools/node_modules/.installed-lock.json; then
    npm ci --prefix deploy/tools --no-audit --no-fund --loglevel=error >/dev/null
    cp deploy/tools/package-lock.json deploy/tools/node_modules/.installed-lock.json
  fi
  export SUPPRESS_NO_CONFIG_WARNING=1
  deploy/tools/node_modules/.bin/asyncapi config analytics --disable >/dev/null 2>&1 || true
}

port_free() { ! (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

# First port from $1 (stepping by $2) where $2 consecutive ports are free.
free_port_block() {
  local port=$1 size=${2:-1} i ok
  while [ "$port" -lt $(($1 + 200)) ]; do
    ok=1
    for ((i = 0; i < size; i++)); do port_free $((port + i)) || { ok=0; break; }; done
    [ $ok -eq 1 ] && { echo "$port"; return; }
    port=$((port + size))
  done
  echo "no free ports from $1" >&2
  return 1
}
