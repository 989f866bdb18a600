#!/usr/bin/env bash
# Pagefind for `make bench-search` (the reference it is compared with): the pinned wheel of
# requirements-bench.txt in its own virtualenv, .venv-pagefind/, so the site's .venv stays as it is.
# Prints the command that runs Pagefind.
set -euo pipefail
venv=.venv-pagefind
wanted=$(sed -n 's/^pagefind-bin==//p' requirements-bench.txt)
if ! "$venv/bin/python" -m pagefind_bin --version 2>/dev/null | grep -qx "pagefind $wanted"; then
  python3 -m venv "$venv" >&2
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r requirements-bench.txt >&2
fi
echo "$venv/bin/python -m pagefind_bin"
