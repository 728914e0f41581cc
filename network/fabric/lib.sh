# Shared by up.sh, deploy.sh and down.sh (sourced, not run). Loopback addresses and ports of the network.
# shellcheck shell=bash

FAIRMARK_FABRIC_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FAIRMARK_REPO=$(cd "$FAIRMARK_FABRIC_HOME/../.." && pwd)
CHANNEL=${FAIRMARK_CHANNEL:-fairmark}
CHAINCODE=${FAIRMARK_CHAINCODE:-fairmark}
HOST=127.0.0.1

ORDERER_PORT=7050
ORDERER_ADMIN_PORT=7053
ORDERER_OPERATIONS_PORT=9440

# MSP id, peer port (chaincode port = +1), operations port
PEER_ORGS=(
  "CoopMSP 7051 9441"
  "BureauMSP 8051 9442"
  "CarrierMSP 9051 9443"
  "MarketMSP 10051 9444"
)

STATE_MARKER=.fairmark-fabric-state

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$1" >&2; exit "${2:-1}"; }

# state_dir ARG: the state directory from the first argument, $FAIRMARK_FABRIC_STATE or the default.
state_dir() {
  local dir=${1:-${FAIRMARK_FABRIC_STATE:-${TMPDIR:-/tmp}/fairmark-fabric}}
  mkdir -p "$dir"
  (cd "$dir" && pwd)
}

require_tools() {
  local missing=()
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    die "not on PATH: ${missing[*]} (Fabric 2.5 binaries peer, orderer, configtxgen, osnadmin; and java 17)" 3
  fi
}

# wait_port PORT SECONDS: until something listens on HOST:PORT.
wait_port() {
  local port=$1 deadline=$((SECONDS + $2))
  until (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null; do
    [ $SECONDS -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

# alive PIDFILE: the recorded process still runs.
alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# tools_jar: the network/fabric tools jar (CryptoExport, AwaitGateways), or FAIRMARK_FABRIC_TOOLS_JAR; empty if none.
tools_jar() {
  echo "${FAIRMARK_FABRIC_TOOLS_JAR:-$(ls "$FAIRMARK_FABRIC_HOME"/target/fairmark-network-fabric-*-tools.jar 2>/dev/null | grep -v -- '-sources' | head -1 || true)}"
}

orderer_ca() { echo "$STATE/crypto/orgs/OrdererMSP/orderers/orderer0/tls/ca.crt"; }

# as_admin MSP PORT: environment for the peer CLI acting as the org's admin against its own peer.
as_admin() {
  export FABRIC_CFG_PATH="$STATE/config"
  export CORE_PEER_LOCALMSPID=$1
  export CORE_PEER_MSPCONFIGPATH="$STATE/crypto/orgs/$1/users/admin/msp"
  export CORE_PEER_ADDRESS="$HOST:$2"
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_TLS_ROOTCERT_FILE="$STATE/crypto/orgs/$1/peers/peer0/tls/ca.crt"
  export CORE_PEER_TLS_CLIENTCERT_FILE="$STATE/crypto/orgs/$1/users/admin/tls/client.crt"
  export CORE_PEER_TLS_CLIENTKEY_FILE="$STATE/crypto/orgs/$1/users/admin/tls/client.key"
  export FABRIC_LOGGING_SPEC=${FAIRMARK_CLI_LOGGING:-WARNING}
}
