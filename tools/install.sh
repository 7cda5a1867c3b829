#!/usr/bin/env bash
# `make install`: the kiosk on a fresh Debian machine, run as root.
#   /opt/kiosk/venv       the kiosk (a virtual environment with its Python packages)
#   /etc/kiosk/           kiosk.toml (from config/kiosk.example.toml, never overwritten) and environment
#   /var/lib/kiosk/       the journal (StateDirectory of the units, 0700, owned by kiosk)
#   /etc/systemd/system/  kiosk.service (cage), kiosk-x.service (bare X), kiosk-sync.service
#   /etc/udev/rules.d/    70-kiosk.rules (stable device names, permissions)
# Nothing is enabled: the README's deployment section says which unit to enable.
# DESTDIR=/some/root installs the files there only (no user, no systemctl), for packaging.
set -euo pipefail
cd "$(dirname "$0")/.."
DESTDIR=${DESTDIR:-}
PREFIX=${PREFIX:-/opt/kiosk}
PYTHON=${PYTHON:-python3}

if [ -z "$DESTDIR" ] && [ "$(id -u)" != 0 ]; then
  echo "make install puts the kiosk under $PREFIX and /etc: run it as root (sudo make install)" >&2
  exit 2
fi

if [ -z "$DESTDIR" ]; then
  # Runtime libraries (the same lists as `make demo`) plus the kiosk's session: cage, or X for kiosk-x.service.
  tools/ensure-debs.sh $(make -s --no-print-directory print-runtime-debs) cage xinit xserver-xorg-core xserver-xorg-legacy
  getent group kiosk >/dev/null || groupadd --system kiosk
  id kiosk >/dev/null 2>&1 || useradd --system --gid kiosk --home-dir /var/lib/kiosk --shell /usr/sbin/nologin \
    --comment "library kiosk" kiosk
  for group in dialout video input render audio lp tty; do
    getent group "$group" >/dev/null && usermod -a -G "$group" kiosk
  done
fi

install -d "$DESTDIR$PREFIX" "$DESTDIR/etc/kiosk" "$DESTDIR/etc/systemd/system" "$DESTDIR/etc/udev/rules.d"
install -d -m 0700 "$DESTDIR/var/lib/kiosk"
"$PYTHON" -m venv "$DESTDIR$PREFIX/venv"
"$DESTDIR$PREFIX/venv/bin/python" -m pip install -q --upgrade pip
"$DESTDIR$PREFIX/venv/bin/python" -m pip install -q .
install -m 0644 README.md "$DESTDIR$PREFIX/README.md"
if [ ! -e "$DESTDIR/etc/kiosk/kiosk.toml" ]; then
  install -m 0640 config/kiosk.example.toml "$DESTDIR/etc/kiosk/kiosk.toml"
fi
[ -e "$DESTDIR/etc/kiosk/environment" ] || install -m 0600 /dev/null "$DESTDIR/etc/kiosk/environment"
install -m 0644 deploy/systemd/*.service "$DESTDIR/etc/systemd/system/"
install -m 0644 deploy/udev/70-kiosk.rules "$DESTDIR/etc/udev/rules.d/"

if [ -z "$DESTDIR" ]; then
  chgrp kiosk /etc/kiosk/kiosk.toml
  chown kiosk:kiosk /var/lib/kiosk
  command -v systemctl >/dev/null && systemctl daemon-reload || true
  command -v udevadm >/dev/null && udevadm control --reload || true
  cat <<TXT
Installed. Next:
  1. edit /etc/kiosk/kiosk.toml (catalog, devices); secrets go in /etc/kiosk/environment
  2. $PREFIX/venv/bin/kiosk check-config /etc/kiosk/kiosk.toml
  3. systemctl enable --now kiosk.service kiosk-sync.service     (or kiosk-x.service on a bare X server)
TXT
fi
