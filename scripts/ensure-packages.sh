#!/usr/bin/env bash
# Debian packages the tests or the benchmark need, given as command names that are also package
# names (nginx, wrk). Missing ones are installed when run as root (as scripts/ensure-browser.sh does
# for chromium); otherwise we say how. nginx's package would start a server on port 80: a temporary
# policy-rc.d keeps it from starting; the tests run their own nginx on 127.0.0.1.
set -euo pipefail
missing=()
for command in "$@"; do
  command -v "$command" >/dev/null 2>&1 || [ -x "/usr/sbin/$command" ] || missing+=("$command")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's ${missing[*]}…"
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy"
  fi
  status=0
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } || status=$?
  [ -z "$policy" ] || rm -f "$policy"
  exit $status
fi
echo "${missing[*]} missing: run 'sudo apt-get install ${missing[*]}'" >&2
[ "${CI:-}" = "true" ] && exit 1
exit 0
