#!/usr/bin/env bash
# The reliability campaign of issue #13 at full size: crash safety, disk faults, tampering, concurrency and
# determinism. Every campaign test is tagged "reliability" and runs a quick slice in the README's `mvn -B verify`;
# this script runs only those tests, at the sizes below, and writes their figures to reliability/last-run.txt.
#
#   reliability/run.sh                      # full size (takes long on a busy machine)
#   ROUNDS=10 SEQUENCES=500 reliability/run.sh   # smaller
#
# Sizes (environment variables, each passed on as -Dreliability.<name>):
#   ROUNDS     SIGKILLs of the embedded network under load (crash safety), and of the CSV import
#              (ImportCrashCampaignIT, client/cli)                                   default 100
#   FAULTS     disk-fault rounds (torn append, truncation, bit flip, lost file, ...)   default 1000
#   POSITIONS  single-byte changes sampled across the block files (tampering)         default 10000
#   PACKS      packs per client, six clients on one batch (concurrency)               default 30
#   SEQUENCES  random operation sequences on two endorsers (determinism)              default 10000
#   UNTIL      an ISO instant (e.g. 2026-12-07T02:00:00Z): the crash part starts no new kill after it, and reports
#              the kills it did of those asked (for a run that must end by a given time)            default none
#   MODULES    the modules whose tagged tests run      default chaincode/contract,network/embedded,client/core,client/cli
# COMMIT names the commit in the report when the tree is not a git checkout (e.g. a `git archive` copy).
# Extra arguments go to Maven, e.g. -Dfairmark.seed=7 for other random choices, or -o to stay offline.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-100}
FAULTS=${FAULTS:-1000}
POSITIONS=${POSITIONS:-10000}
PACKS=${PACKS:-30}
SEQUENCES=${SEQUENCES:-10000}
UNTIL=${UNTIL:-}
MODULES=${MODULES:-chaincode/contract,network/embedded,client/core,client/cli}

rm -rf chaincode/contract/target/reliability network/embedded/target/reliability client/core/target/reliability \
    client/cli/target/reliability
out=reliability/last-run.txt
{
    echo "# Fairmark reliability campaign"
    echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit=${COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}"
    echo "machine=$(nproc) cores, $(uname -sr)"
    echo "loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "sizes=rounds $ROUNDS, faults $FAULTS, positions $POSITIONS, packs $PACKS, sequences $SEQUENCES${UNTIL:+, until $UNTIL}"
    echo "modules=$MODULES"
} > "$out.tmp"

status=0
mvn -B verify -pl "$MODULES" -am \
    -Dgroups=reliability \
    -Dreliability.rounds="$ROUNDS" -Dreliability.faults="$FAULTS" -Dreliability.positions="$POSITIONS" \
    -Dreliability.packs="$PACKS" -Dreliability.sequences="$SEQUENCES" -Dreliability.until="$UNTIL" \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false "$@" || status=$?

{
    echo "loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "maven_exit=$status"
    echo
    cat chaincode/contract/target/reliability/*.txt network/embedded/target/reliability/*.txt \
        client/core/target/reliability/*.txt client/cli/target/reliability/*.txt 2>/dev/null || true
} >> "$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
exit "$status"
