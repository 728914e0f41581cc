#!/usr/bin/env bash
# The hostile-input, forgery and access campaign of docs/reliability.md ("Forgery", "Hostile input", "Access",
# "Web hardening", "Secrets at rest"), at full size. The default `mvn -B verify` runs the same tests as a quick slice.
#
#   reliability/hostile.sh                 # 100,000 cases per offline class
#   CASES=20000 reliability/hostile.sh     # smaller
#
# CASES         cases per class: contract fuzz, label forgeries offline, trust bundles (default 100000)
# ONLINE_CASES  label forgeries of each class also verified online against the embedded ledger (default 5000)
# HTTP_CASES    random hostile requests to the web server (default 10000)
# CLI_MINUTES   when set, HostileCliIT starts no command line or import of a class after this many minutes and
#               reports how many of its CASES ran (a bounded run on a busy machine; default: all CASES)
# ACCESS        GatewayAccessMatrixIT runs every ACCESS-th cell of the access table through the gateway (default 1: all)
# The counts of every class are printed at the end and kept in */target/reliability/hostile.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-100000}
ONLINE_CASES=${ONLINE_CASES:-5000}
ACCESS=${ACCESS:-1}
HTTP_CASES=${HTTP_CASES:-10000}
CLI_MINUTES=${CLI_MINUTES:-0}
OFFLINE=${OFFLINE:--o}
rm -f network/embedded/target/reliability/access-gateway.txt chaincode/contract/target/reliability/hostile.txt client/core/target/reliability/hostile.txt \
      client/cli/target/reliability/hostile.txt
started=$(date -u +%s)
mvn -B $OFFLINE -pl chaincode/domain,chaincode/contract,network/embedded,client/core,client/cli -am verify \
    -Dtest='BadInputPropertiesTest,AccessControlTableTest,CanonicalJsonTest,ValueChecksTest,HtmlTest,SecretFilesTest' \
    -Dit.test='GatewayAccessMatrixIT,ForgeryCampaignIT,HostileWebIT,HostileCliIT' -Dreliability.access="$ACCESS" \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dreliability.cases="$CASES" -Dreliability.online.cases="$ONLINE_CASES" -Dreliability.http.cases="$HTTP_CASES" \
    -Dreliability.cli.minutes="$CLI_MINUTES"
echo
echo "hostile campaign, commit $(git rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ), $(( $(date -u +%s) - started )) s"
cat chaincode/contract/target/reliability/hostile.txt client/core/target/reliability/hostile.txt \
    client/cli/target/reliability/hostile.txt 2>/dev/null | cut -d' ' -f2- | sort
cat network/embedded/target/reliability/access-gateway.txt 2>/dev/null || true
