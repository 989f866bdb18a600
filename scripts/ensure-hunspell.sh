#!/usr/bin/env bash
# The spelling check needs hunspell with Debian's Swedish and British English dictionaries.
# Install them when missing (as root, like scripts/ensure-browser.sh); otherwise say how.
set -euo pipefail
packages=(hunspell hunspell-sv hunspell-en-gb)
have() { [ -e "/usr/share/hunspell/$1.dic" ] || [ -e "/usr/share/myspell/dicts/$1.dic" ]; }
if command -v hunspell >/dev/null 2>&1 && have sv_SE && have en_GB; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's ${packages[*]} for the spelling check…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  exit 0
fi
echo "hunspell or its dictionaries are missing: run 'sudo apt-get install ${packages[*]}' (the spelling check needs them)" >&2
[ "${CI:-}" = "true" ] && exit 1
exit 0
