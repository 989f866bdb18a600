#!/usr/bin/env bash
# Re-vendors lunr.js 2.3.9 (MIT) from the npm registry into overrides/assets/js/vendor/ and checks that
# the file is byte for byte the one in the repository. Development time only: builds and pages never
# fetch anything. Usage: scripts/vendor-lunr.sh
set -euo pipefail
cd "$(dirname "$0")/.."
EXPECTED=0c50d9002b85780a842afffb567bb54ede402dae7c6dc5997a018614d8044fc8   # sha256 of lunr.min.js 2.3.9
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent lunr@2.3.9 >/dev/null && tar xzf lunr-2.3.9.tgz)
actual=$(sha256sum "$work/package/lunr.min.js" | cut -d' ' -f1)
[ "$actual" = "$EXPECTED" ] || { echo "lunr.min.js has sha256 $actual, expected $EXPECTED" >&2; exit 1; }
cp "$work/package/lunr.min.js" overrides/assets/js/vendor/lunr-2.3.9.min.js
cp "$work/package/LICENSE" overrides/assets/js/vendor/lunr-LICENSE.txt
echo "overrides/assets/js/vendor/lunr-2.3.9.min.js: lunr 2.3.9, sha256 $actual"
