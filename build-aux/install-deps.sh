#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs, with apt, whatever Debian 12 packages the build, the app and the
# tests need and this machine lacks. Uses sudo when not root.
set -eu

PACKAGES="
  gcc pkg-config meson ninja-build gettext git
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libshumate-dev
  libsqlite3-dev sqlite3 libjson-glib-dev libjson-c-dev libical-dev libgeos-dev libproj-dev
  libxlsxwriter-dev libcsv-dev libuchardet-dev libarchive-dev libxml2-dev libxml2-utils
  desktop-file-utils appstream-util xvfb xauth dbus
  fonts-wqy-microhei locales python3 python3-openpyxl poppler-utils
"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  exit 0
fi

echo "Installing:$missing"
if [ "$(id -u)" = 0 ]; then
  SUDO=""
else
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
