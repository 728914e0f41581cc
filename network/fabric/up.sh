#!/usr/bin/env bash
# Starts a Fairmark Fabric 2.5 network as native processes on loopback: one Raft orderer (OrdererMSP) and one
# peer per organization (CoopMSP, BureauMSP, CarrierMSP, MarketMSP), then creates and joins channel "fairmark".
#
#   network/fabric/up.sh [STATE_DIR] [--prepare-only | --channel-only]
#       STATE_DIR default: $FAIRMARK_FABRIC_STATE or ${TMPDIR:-/tmp}/fairmark-fabric
#       --prepare-only  only write crypto material and configuration (java only; for docker-compose.yaml)
#       --channel-only  only create and join the channel and write the profile, on nodes already running
#                       (peer, configtxgen, osnadmin; e.g. in the fabric-tools container)
#
# Needs peer, orderer, configtxgen, osnadmin (Fabric 2.5) and java 17 on PATH, and the tools jar
# (mvn -pl network/fabric -am package; or FAIRMARK_FABRIC_TOOLS_JAR). FAIRMARK_CA_FROM=DIR takes the peer orgs'
# CAs from an embedded network's data directory, so its wallet works here too.
# Writes STATE_DIR/connection-profile.json; every process's PID goes to STATE_DIR/pids/ for down.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
phase=all dir_arg=
for arg in "$@"; do
  case "$arg" in
    --prepare-only) phase=prepare ;;
    --channel-only) phase=channel ;;
    -*) die "unknown option $arg (usage: up.sh [STATE_DIR] [--prepare-only|--channel-only])" 2 ;;
    *) dir_arg=$arg ;;
  esac
done
case $phase in
  all) require_tools peer orderer configtxgen osnadmin java ;;
  prepare) require_tools java ;;
  channel) require_tools peer configtxgen osnadmin ;;
esac
STATE=$(state_dir "$dir_arg")
started=$SECONDS
o="$STATE/crypto/orgs/OrdererMSP/orderers/orderer0"
oa="$STATE/crypto/orgs/OrdererMSP/users/admin"

if [ "$phase" != channel ]; then

for pidfile in "$STATE"/pids/*.pid; do
  if alive "$pidfile"; then
    die "a network from $STATE is running ($(basename "$pidfile" .pid), pid $(cat "$pidfile")): run down.sh first"
  fi
done
touch "$STATE/$STATE_MARKER"
mkdir -p "$STATE"/{pids,logs,config,channel}

tools_jar=$(tools_jar)
[ -n "$tools_jar" ] && [ -f "$tools_jar" ] || die "no tools jar: run 'mvn -B -pl network/fabric -am package -DskipTests' or set FAIRMARK_FABRIC_TOOLS_JAR"

log "crypto material -> $STATE/crypto"
export_args=(--out "$STATE/crypto")
if [ -n "${FAIRMARK_CA_FROM:-}" ]; then
  export_args+=(--ca-from "$FAIRMARK_CA_FROM")
else
  export_args+=(--wallet "$STATE/wallet")
fi
java -jar "$tools_jar" "${export_args[@]}"

cp "$FAIRMARK_FABRIC_HOME/config/configtx.yaml" "$STATE/configtx.yaml"
sed "s#@FAIRMARK_CCAAS_BUILDER@#$FAIRMARK_FABRIC_HOME/builders/ccaas#" "$FAIRMARK_FABRIC_HOME/config/core.yaml" > "$STATE/config/core.yaml"
cp "$FAIRMARK_FABRIC_HOME/config/orderer.yaml" "$STATE/config/orderer.yaml"
fi
if [ "$phase" = prepare ]; then
  log "crypto material and configuration in $STATE"
  echo "$STATE"
  exit 0
fi
if [ "$phase" = all ]; then

# --- orderer ---
mkdir -p "$STATE/orderer"
log "orderer on $HOST:$ORDERER_PORT (admin $ORDERER_ADMIN_PORT)"
(
  export FABRIC_CFG_PATH="$STATE/config"
  export FABRIC_LOGGING_SPEC=${FAIRMARK_FABRIC_LOGGING:-INFO:comm.grpc.server=WARN}
  export ORDERER_GENERAL_LISTENADDRESS=$HOST ORDERER_GENERAL_LISTENPORT=$ORDERER_PORT
  export ORDERER_GENERAL_LOCALMSPID=OrdererMSP ORDERER_GENERAL_LOCALMSPDIR="$o/msp"
  export ORDERER_GENERAL_BOOTSTRAPMETHOD=none ORDERER_CHANNELPARTICIPATION_ENABLED=true
  export ORDERER_GENERAL_TLS_ENABLED=true
  export ORDERER_GENERAL_TLS_CERTIFICATE="$o/tls/server.crt" ORDERER_GENERAL_TLS_PRIVATEKEY="$o/tls/server.key"
  export ORDERER_GENERAL_TLS_ROOTCAS="[$o/tls/ca.crt]"
  export ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$o/tls/server.crt"
  export ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$o/tls/server.key"
  export ORDERER_GENERAL_CLUSTER_ROOTCAS="[$o/tls/ca.crt]"
  export ORDERER_ADMIN_LISTENADDRESS=$HOST:$ORDERER_ADMIN_PORT ORDERER_ADMIN_TLS_ENABLED=true
  export ORDERER_ADMIN_TLS_CERTIFICATE="$o/tls/server.crt" ORDERER_ADMIN_TLS_PRIVATEKEY="$o/tls/server.key"
  export ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$o/tls/ca.crt]"
  export ORDERER_FILELEDGER_LOCATION="$STATE/orderer/ledger"
  export ORDERER_CONSENSUS_WALDIR="$STATE/orderer/etcdraft/wal" ORDERER_CONSENSUS_SNAPDIR="$STATE/orderer/etcdraft/snapshot"
  export ORDERER_OPERATIONS_LISTENADDRESS=$HOST:$ORDERER_OPERATIONS_PORT ORDERER_METRICS_PROVIDER=disabled
  cd "$STATE/orderer"
  exec orderer
) >"$STATE/logs/orderer.log" 2>&1 &
echo $! >"$STATE/pids/orderer.pid"
fi
wait_port $ORDERER_ADMIN_PORT 60 || die "the orderer did not open its admin port; see $STATE/logs/orderer.log"

# --- channel ---
log "channel $CHANNEL: genesis block"
FABRIC_CFG_PATH="$STATE" configtxgen -profile FairmarkChannel -channelID "$CHANNEL" \
  -outputBlock "$STATE/channel/$CHANNEL.block" 2>"$STATE/logs/configtxgen.log" \
  || die "configtxgen failed; see $STATE/logs/configtxgen.log"
osnadmin channel join --channelID "$CHANNEL" --config-block "$STATE/channel/$CHANNEL.block" \
  -o "$HOST:$ORDERER_ADMIN_PORT" --ca-file "$o/tls/ca.crt" \
  --client-cert "$oa/tls/client.crt" --client-key "$oa/tls/client.key" >"$STATE/logs/osnadmin.log" 2>&1 \
  || die "osnadmin channel join failed; see $STATE/logs/osnadmin.log"

# --- peers ---
if [ "$phase" = all ]; then
for entry in "${PEER_ORGS[@]}"; do
  read -r msp port ops <<<"$entry"
  p="$STATE/crypto/orgs/$msp/peers/peer0"
  host=$(cat "$p/hostname")
  dir="$STATE/peers/$msp"
  mkdir -p "$dir"
  log "peer $host ($msp) on $HOST:$port"
  (
    export FABRIC_CFG_PATH="$STATE/config"
    export FABRIC_LOGGING_SPEC=${FAIRMARK_FABRIC_LOGGING:-INFO:comm.grpc.server=WARN}
    export CORE_PEER_ID=$host CORE_PEER_LOCALMSPID=$msp CORE_PEER_MSPCONFIGPATH="$p/msp"
    export CORE_PEER_ADDRESS=$HOST:$port CORE_PEER_LISTENADDRESS=$HOST:$port
    export CORE_PEER_CHAINCODEADDRESS=$HOST:$((port + 1)) CORE_PEER_CHAINCODELISTENADDRESS=$HOST:$((port + 1))
    export CORE_PEER_GOSSIP_BOOTSTRAP=$HOST:$port CORE_PEER_GOSSIP_EXTERNALENDPOINT=$HOST:$port
    export CORE_PEER_TLS_ENABLED=true
    export CORE_PEER_TLS_CERT_FILE="$p/tls/server.crt" CORE_PEER_TLS_KEY_FILE="$p/tls/server.key"
    export CORE_PEER_TLS_ROOTCERT_FILE="$p/tls/ca.crt"
    export CORE_PEER_FILESYSTEMPATH="$dir/production" CORE_LEDGER_SNAPSHOTS_ROOTDIR="$dir/snapshots"
    export CORE_OPERATIONS_LISTENADDRESS=$HOST:$ops CORE_METRICS_PROVIDER=disabled
    export CORE_VM_ENDPOINT=
    cd "$dir"
    exec peer node start
  ) >"$STATE/logs/peer-$msp.log" 2>&1 &
  echo $! >"$STATE/pids/peer-$msp.pid"
done
fi
mkdir -p "$STATE/logs" "$STATE/channel"

for entry in "${PEER_ORGS[@]}"; do
  read -r msp port ops <<<"$entry"
  wait_port "$port" 60 || die "peer of $msp did not listen on $port; see $STATE/logs/peer-$msp.log"
  (
    as_admin "$msp" "$port"
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
      if peer channel join -b "$STATE/channel/$CHANNEL.block" >>"$STATE/logs/join-$msp.log" 2>&1; then
        exit 0
      fi
      sleep 1
    done
    exit 1
  ) || die "peer of $msp could not join $CHANNEL; see $STATE/logs/join-$msp.log"
  log "peer of $msp joined $CHANNEL"
done

# --- connection profile (one gateway per organization: each org's clients talk to their own peer) ---
{
  printf '{"format":"fairmark-connection-profile/1","name":"fairmark-native-fabric","channel":"%s","chaincode":"%s","organizations":{' "$CHANNEL" "$CHAINCODE"
  sep=
  for entry in "${PEER_ORGS[@]}"; do
    read -r msp port ops <<<"$entry"
    p="$STATE/crypto/orgs/$msp/peers/peer0"
    printf '%s"%s":{"endpoint":"%s:%s","tls":true,"tlsCACerts":{"path":"%s"},"serverNameOverride":"%s"}' \
      "$sep" "$msp" "$HOST" "$port" "crypto/orgs/$msp/peers/peer0/tls/ca.crt" "$(cat "$p/hostname")"
    sep=,
  done
  printf '}}\n'
} >"$STATE/connection-profile.json"

log "network up in $((SECONDS - started)) s; state $STATE; profile $STATE/connection-profile.json"
echo "$STATE"
