#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when po/POTFILES.in misses a file that holds translatable strings, or
# lists a file that does not exist. A string left out of POTFILES.in never
# reaches a translator and shows up in English in the Chinese UI.
#
# Usage: check-potfiles.sh [SOURCE_ROOT]
set -eu

cd "${1:-.}"
potfiles=po/POTFILES.in

if [ ! -f "$potfiles" ]; then
  echo "$potfiles: no such file" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# POTFILES.in: one path a line; '#' comments, blank lines and
# '[encoding: …]' lines carry no file.
sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
    -e '/^\[.*\]$/d' -e '/^$/d' "$potfiles" | LC_ALL=C sort -u >"$tmp/listed"

status=0

while IFS= read -r f; do
  if [ ! -f "$f" ]; then
    echo "$potfiles lists $f, which does not exist" >&2
    status=1
  fi
done <"$tmp/listed"

# Candidates: C sources with a gettext call, GtkBuilder files with a
# translatable property, and the data files that are always translated.
{
  if [ -d app ]; then
    grep -rlE --include='*.c' --include='*.h' \
      '(^|[^A-Za-z0-9_])(_|N_|C_|NC_)[[:space:]]*\(|ngettext|g_dngettext' app || true
  fi
  for d in app resources; do
    [ -d "$d" ] && grep -rl --include='*.ui' 'translatable="yes"' "$d" || true
  done
  for f in data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml; do
    [ -f "$f" ] && echo "$f"
  done
} | LC_ALL=C sort -u >"$tmp/candidates"

# A grep hit may be a comment such as "marked with N_()": only a file in
# which xgettext (with the same keywords as po/meson.build's glib preset)
# finds a message must be listed.
LC_ALL=C comm -23 "$tmp/candidates" "$tmp/listed" >"$tmp/unlisted"
missing=0
while IFS= read -r f; do
  rm -f "$tmp/one.pot"
  xgettext --from-code=UTF-8 --force-po --output="$tmp/one.pot" \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=ngettext:1,2 --keyword=g_dngettext:2,3 \
    --keyword=g_dcgettext:2 --keyword=g_dpgettext2:2c,3 \
    "$f" 2>"$tmp/xgettext.err" || {
      echo "xgettext cannot read $f:" >&2
      cat "$tmp/xgettext.err" >&2
      status=1
      continue
    }
  # More than the header's empty msgid.
  if [ "$(grep -c '^msgid ' "$tmp/one.pot")" -gt 1 ]; then
    echo "$f has translatable strings but is not listed in $potfiles" >&2
    missing=1
  fi
done <"$tmp/unlisted"

if [ "$missing" = 1 ]; then
  echo "Add the files above to $potfiles (sorted), then update the translations." >&2
  status=1
fi

if [ "$status" = 0 ]; then
  echo "$potfiles: $(wc -l <"$tmp/listed") files listed, none missing"
fi
exit "$status"
