#!/usr/bin/env bash
# Regenerates chaincode/domain/src/main/resources/org/fairmark/domain/gbt2260.tsv from the CC0 data set
# yescallop/areacodes (MCA's GB/T 2260 county-and-above codes, 1981 on, with old-to-new mappings).
#
#   regenerate.sh                    downloads result.csv of the pinned commit below
#   regenerate.sh path/to/result.csv uses a local copy (e.g. from a clone of the repository)
#
# To move to a newer version: set SOURCE_COMMIT and SOURCE_SHA256 to the new commit and its result.csv's
# SHA-256, run this script, review the diff of gbt2260.tsv and run the domain tests.
set -euo pipefail
SOURCE_COMMIT=eed219a0678d36bacaa717f62443b10e869f0291
SOURCE_SHA256=e3b69e8e13fcb3151b5cd6a03674f89e043f301f308dcb67283533f1a8239794
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../src/main/resources/org/fairmark/domain/gbt2260.tsv"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ $# -ge 1 ]]; then
  cp "$1" "$work/result.csv"
else
  curl -fsSL -o "$work/result.csv" "https://raw.githubusercontent.com/yescallop/areacodes/$SOURCE_COMMIT/result.csv"
fi
actual="$(sha256sum "$work/result.csv" | cut -d' ' -f1)"
if [[ "$actual" != "$SOURCE_SHA256" ]]; then
  echo "result.csv has SHA-256 $actual, expected $SOURCE_SHA256 (commit $SOURCE_COMMIT)" >&2
  exit 1
fi
mkdir -p "$(dirname "$out")"
java "$here/Regenerate.java" "$work/result.csv" "$SOURCE_COMMIT" "$out"
