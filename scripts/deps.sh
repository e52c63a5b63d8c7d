#!/usr/bin/env bash
# Idempotent install of what the project builds and tests with. apt-get update runs only when
# a package is missing; the Python venv is created once and its pinned packages installed once.
set -euo pipefail
PKGS="gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf opensbi libcmocka-dev
qemu-system-misc yosys device-tree-compiler ccache rumur verilator g++ make python3-venv"
missing=()
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}" >&2
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
VENV=${VENV:-build/venv}
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import matplotlib' 2>/dev/null; then
  echo "deps: creating $VENV with matplotlib" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q 'matplotlib==3.9.2'
fi
