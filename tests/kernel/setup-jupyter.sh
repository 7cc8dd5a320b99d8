#!/usr/bin/env bash
# Makes the course's notebooks runnable in Jupyter with the real .NET Interactive kernel: installs
# Debian's (or Ubuntu's) Jupyter packages when they are missing (nbconvert to run notebooks headless,
# jupyter-client for `jupyter kernelspec list`, ipykernel, nbformat), restores the kernel tool pinned in
# .config/dotnet-tools.json, and registers it with Jupyter (the ".net-csharp" kernel that VS Code's
# Jupyter extension and `jupyter nbconvert` find in ~/.local/share/jupyter/kernels).
# The dev containers run it after creation, CI before tests/kernel/run-in-jupyter.sh; it is safe to
# run again. On another system, install Jupyter and ipykernel with its package manager instead.
set -euo pipefail
cd "$(dirname "$0")/../.."

packages=(jupyter-nbconvert jupyter-client python3-jupyter-client python3-ipykernel python3-nbformat)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -gt 0 ]]; then
  if ! command -v apt-get > /dev/null; then
    echo "setup-jupyter: ${missing[*]} missing and no apt-get here: install Jupyter (nbconvert, jupyter_client, ipykernel, nbformat) with this system's package manager or pip, then run this again." >&2
    exit 1
  fi

  # A fresh machine's package lists may be empty or stale: update them first. Root needs no sudo.
  as_root=()
  if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo > /dev/null; then
      echo "setup-jupyter: installing ${missing[*]} needs root, and sudo is not here: run this as root." >&2
      exit 1
    fi
    as_root=(sudo)
  fi
  echo "setup-jupyter: installing ${missing[*]}"
  "${as_root[@]}" apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# `dotnet interactive` resolves to the pinned local tool inside this repository: restore it first.
dotnet tool restore
mkdir -p "$HOME/.local/share/jupyter/kernels"
dotnet interactive jupyter install
