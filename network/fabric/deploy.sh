#!/usr/bin/env bash
# Deploys the Fairmark contract as chaincode-as-a-service on the network up.sh started: builds the deterministic
# ccaas package, starts the contract process (the shaded service jar) with CORE_CHAINCODE_ID_NAME = package id,
# installs the package on every peer, approves for each organization and commits.
#
#   network/fabric/deploy.sh [STATE_DIR] [--version V] [--policy majority|or] [--sequence N] [--jar FILE]
#                            [--address HOST:PORT]
#
# --version   contract version, also the package label fairmark_<V> (default 1.0). A new version is an upgrade:
#             new package id, next sequence, the contract process restarted with the new id.
# --policy    majority (default): the channel's MAJORITY Endorsement policy (3 of 4 organizations);
#             or: any single organization's peer (OR of the four) - weaker, see docs/en/operations.md.
# --sequence  the definition sequence to approve (default: committed sequence + 1, or 1).
# --tls       the peers dial the contract over mutual TLS (server and client certificates from
#             STATE_DIR/crypto/contract/tls, CA and client key in connection.json); another package id.
# --package-only  only build the package and print its id (java only).
# --no-contract   do not start the contract process (it runs elsewhere, e.g. the compose "contract" service);
#                 an existing package file is reused, so java is not needed.
# Last it waits (up to FAIRMARK_READY_TIMEOUT seconds, default 120) until every organization's gateway can endorse
# for the chaincode (AwaitGateways in the tools jar), so the first write after deploy.sh succeeds; exit 69 if not.
# Re-running with a version that is already committed changes nothing (approving a committed sequence again
# would be invalidated), but restarts the contract process if it is not running.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
version=1.0 policy=majority sequence= jar= address="$HOST:9999" dir_arg= mode=all tls=false
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version=$2; shift 2 ;;
    --policy) policy=$2; shift 2 ;;
    --sequence) sequence=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --address) address=$2; shift 2 ;;
    --package-only) mode=package; shift ;;
    --tls) tls=true; shift ;;
    --no-contract) mode=no-contract; shift ;;
    -*) die "unknown option $1" 2 ;;
    *) dir_arg=$1; shift ;;
  esac
done
case $mode in
  all) require_tools peer java ;;
  package) require_tools java ;;
  no-contract) require_tools peer ;;
esac
STATE=$(state_dir "$dir_arg")
[ "$mode" = package ] || [ -f "$STATE/connection-profile.json" ] || die "$STATE holds no network: run up.sh first"
case "$policy" in
  majority) policy_args=() ;;
  or) policy_args=(--signature-policy "OR('CoopMSP.peer','BureauMSP.peer','CarrierMSP.peer','MarketMSP.peer')") ;;
  *) die "--policy must be majority or or, not '$policy'" 2 ;;
esac
started=$SECONDS
label="${CHAINCODE}_$version"
mkdir -p "$STATE/chaincode"
package="$STATE/chaincode/$label.tar.gz"
if [ "$mode" = no-contract ] && [ -f "$package" ]; then
  package_id=$(as_admin CoopMSP 7051; peer lifecycle chaincode calculatepackageid "$package")
else
if [ -z "$jar" ]; then
  jar=$(ls "$FAIRMARK_REPO"/chaincode/contract/target/fairmark-contract-*-service.jar 2>/dev/null | head -1 || true)
fi
[ -n "$jar" ] && [ -f "$jar" ] || die "no contract service jar: run 'mvn -B -pl chaincode/contract -am package -DskipTests' or pass --jar"
tls_args=()
if $tls; then
  [ -f "$STATE/crypto/contract/tls/ca.crt" ] || die "no $STATE/crypto/contract/tls: run up.sh (or up.sh --prepare-only) first"
  tls_args=(--tls-root-cert "$STATE/crypto/contract/tls/ca.crt"
    --tls-client-cert "$STATE/crypto/contract/tls/client.crt" --tls-client-key "$STATE/crypto/contract/tls/client.key")
fi
package_id=$(java -cp "$jar" org.fairmark.contract.service.CcaasPackage --label "$label" --address "$address" \
  --out "$package" "${tls_args[@]+"${tls_args[@]}"}")
fi
log "package $package_id"
if [ "$mode" = package ]; then
  echo "$package_id"
  exit 0
fi

# --- the contract process: one serves every peer that installed the package ---
if [ "$mode" = no-contract ]; then
  log "contract process not started here (--no-contract): it must run with CORE_CHAINCODE_ID_NAME=$package_id"
elif alive "$STATE/pids/contract.pid" && [ "$(cat "$STATE/chaincode/running-id" 2>/dev/null)" = "$package_id" ]; then
  log "contract already running (pid $(cat "$STATE/pids/contract.pid"))"
else
  if alive "$STATE/pids/contract.pid"; then
    old=$(cat "$STATE/pids/contract.pid")
    log "stopping contract $(cat "$STATE/chaincode/running-id" 2>/dev/null) (pid $old)"
    kill -TERM "$old" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$old" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$old" 2>/dev/null || true
  fi
  (
    export CHAINCODE_SERVER_ADDRESS=$address CORE_CHAINCODE_ID_NAME=$package_id
    if $tls; then
      export CORE_PEER_TLS_ENABLED=true
      export CORE_TLS_CLIENT_CERT_FILE="$STATE/crypto/contract/tls/server.crt"
      export CORE_TLS_CLIENT_KEY_FILE="$STATE/crypto/contract/tls/server.key"
      export CORE_PEER_TLS_ROOTCERT_FILE="$STATE/crypto/contract/tls/ca.crt"
      # the shim also reads these, as base64 of the PEM files
      base64 -w0 "$CORE_TLS_CLIENT_CERT_FILE" >"$STATE/crypto/contract/tls/server.crt.b64"
      base64 -w0 "$CORE_TLS_CLIENT_KEY_FILE" >"$STATE/crypto/contract/tls/server.key.b64"
      chmod 600 "$STATE/crypto/contract/tls/server.key.b64"
      export CORE_TLS_CLIENT_CERT_PATH="$STATE/crypto/contract/tls/server.crt.b64"
      export CORE_TLS_CLIENT_KEY_PATH="$STATE/crypto/contract/tls/server.key.b64"
    else
      export CORE_PEER_TLS_ENABLED=false
    fi
    export CORE_CHAINCODE_LOGGING_LEVEL=${FAIRMARK_CONTRACT_LOGGING:-WARNING}
    exec java ${FAIRMARK_CONTRACT_JAVA_OPTS:--Xmx512m} -jar "$jar"
  ) >>"$STATE/logs/contract.log" 2>&1 &
  echo $! >"$STATE/pids/contract.pid"
  echo "$package_id" >"$STATE/chaincode/running-id"
  wait_port "${address##*:}" 60 || die "the contract did not listen on $address; see $STATE/logs/contract.log"
  log "contract listening on $address (pid $(cat "$STATE/pids/contract.pid"))"
fi

# --- install on every peer ---
for entry in "${PEER_ORGS[@]}"; do
  read -r msp port ops <<<"$entry"
  (
    as_admin "$msp" "$port"
    if peer lifecycle chaincode queryinstalled 2>/dev/null | grep -qF "Package ID: $package_id,"; then
      exit 0
    fi
    peer lifecycle chaincode install "$package" >>"$STATE/logs/lifecycle.log" 2>&1
  ) || die "install on the peer of $msp failed; see $STATE/logs/lifecycle.log"
done
log "installed on ${#PEER_ORGS[@]} peers"

# --- what is committed already ---
read -r first_msp first_port _ <<<"${PEER_ORGS[0]}"
committed=$(as_admin "$first_msp" "$first_port"; peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CHAINCODE" -O json 2>/dev/null || true)
committed_sequence=$(printf '%s' "$committed" | grep -o '"sequence": *[0-9]*' | grep -o '[0-9]*$' || true)
committed_version=$(printf '%s' "$committed" | grep -o '"version": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/' || true)
if [ -n "$committed_version" ] && [ "$committed_version" = "$version" ] && [ -z "$sequence" ]; then
  log "version $version is committed at sequence $committed_sequence: nothing to approve"
  echo "$package_id"
  exit 0
fi
[ -n "$sequence" ] || sequence=$(( ${committed_sequence:-0} + 1 ))
log "approving $CHAINCODE $version sequence $sequence, policy $policy"

define=(-C "$CHANNEL" -n "$CHAINCODE" -v "$version" --sequence "$sequence" "${policy_args[@]+"${policy_args[@]}"}")
for entry in "${PEER_ORGS[@]}"; do
  read -r msp port ops <<<"$entry"
  (
    as_admin "$msp" "$port"
    readiness=$(peer lifecycle chaincode checkcommitreadiness "${define[@]}" -O json 2>>"$STATE/logs/lifecycle.log" || true)
    if printf '%s' "$readiness" | grep -q "\"$msp\": *true"; then
      exit 0
    fi
    peer lifecycle chaincode approveformyorg "${define[@]}" --package-id "$package_id" \
      -o "$HOST:$ORDERER_PORT" --tls --cafile "$(orderer_ca)" --waitForEvent >>"$STATE/logs/lifecycle.log" 2>&1
  ) || die "approval by $msp failed; see $STATE/logs/lifecycle.log"
  log "approved by $msp"
done

peers=()
for entry in "${PEER_ORGS[@]}"; do
  read -r msp port ops <<<"$entry"
  peers+=(--peerAddresses "$HOST:$port" --tlsRootCertFiles "$STATE/crypto/orgs/$msp/peers/peer0/tls/ca.crt")
done
(
  as_admin "$first_msp" "$first_port"
  peer lifecycle chaincode commit "${define[@]}" -o "$HOST:$ORDERER_PORT" --tls --cafile "$(orderer_ca)" \
    "${peers[@]}" --waitForEvent >>"$STATE/logs/lifecycle.log" 2>&1
) || die "commit failed; see $STATE/logs/lifecycle.log"
log "committed $CHAINCODE $version sequence $sequence"

# --- the peers reach the contract ---
(
  as_admin "$first_msp" "$first_port"
  for attempt in $(seq 1 30); do
    if peer chaincode query -C "$CHANNEL" -n "$CHAINCODE" -c '{"Args":["org.hyperledger.fabric:GetMetadata"]}' \
        >"$STATE/chaincode/metadata.json" 2>>"$STATE/logs/lifecycle.log"; then
      exit 0
    fi
    sleep 1
  done
  exit 1
) || die "the peer cannot reach the contract; see $STATE/logs/lifecycle.log and $STATE/logs/contract.log"

# --- every org's gateway can plan an endorsement (discovery needs the peers' gossip to catch up) ---
if [ "${FAIRMARK_SKIP_READY:-}" = 1 ]; then
  log "not waiting for the gateways (FAIRMARK_SKIP_READY=1): a first write may fail until discovery sees the peers"
elif ! command -v java >/dev/null 2>&1 || [ -z "$(tools_jar)" ]; then
  log "not waiting for the gateways (needs java and the tools jar): a first write may fail until discovery sees the peers"
else
  java -cp "$(tools_jar)" org.fairmark.network.fabric.AwaitGateways --profile "$STATE/connection-profile.json" \
    --crypto "$STATE/crypto" --timeout "${FAIRMARK_READY_TIMEOUT:-120}" 2>>"$STATE/logs/lifecycle.log" \
    || die "the gateways cannot endorse for $CHAINCODE yet; see $STATE/logs/lifecycle.log" 69
  log "every organization's gateway endorses for $CHAINCODE"
fi
log "deployed in $((SECONDS - started)) s"
echo "$package_id"
