#!/usr/bin/env bash
# Install Debian's redis-server, nginx and (when missing) PostgreSQL for the multi-instance tests
# (tests/deployment/) and launchers/local_services.py. Only what is missing is installed; the
# packages' own system services are kept from starting (the tests start private instances).
set -euo pipefail

missing=()
command -v redis-server >/dev/null || [ -x /usr/sbin/redis-server ] || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then exec sudo -n "$0"; fi
  echo "The deployment tests need Debian's ${missing[*]}: run 'apt-get install ${missing[*]}' as root." >&2
  exit 1
fi

# policy-rc.d answering 101 tells invoke-rc.d not to start services during the installation.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  trap 'rm -f "$policy"' EXIT
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
# Where a service manager started the new ones anyway, stop them again: they are not needed.
for service in "${missing[@]}"; do
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    systemctl disable --now "$service" >/dev/null 2>&1 || true
  elif [ -x "/etc/init.d/$service" ]; then
    "/etc/init.d/$service" stop >/dev/null 2>&1 || true
  fi
done
ls /usr/bin/redis-server /usr/sbin/nginx /usr/lib/postgresql/*/bin/postgres
