#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails unless every translation in po/LINGUAS is complete: every string that
# xgettext finds in the files of po/POTFILES.in must have a msgstr, none may
# be fuzzy, and msgfmt --check must accept the file. Users read Chinese; a
# string that falls back to English is a bug.
#
# Usage: check-translations.sh [SOURCE_ROOT]
set -eu

cd "${1:-.}"
domain=gongjian

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The same extraction as po/meson.build's i18n.gettext(preset: 'glib').
# C files by extension; .ui, .desktop.in, .metainfo.xml.in and .gschema.xml
# through xgettext's own support and the ITS rules that GTK, GLib and
# AppStream install under /usr/share/gettext/its.
xgettext --directory=. --files-from=po/POTFILES.in \
  --from-code=UTF-8 --add-comments --sort-by-file --force-po \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=ngettext:1,2 --keyword=g_dngettext:2,3 \
  --keyword=g_dcgettext:2 --keyword=g_dpgettext2:2c,3 \
  --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
  --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
  --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
  --flag=g_log:3:c-format --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
  --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format \
  --flag=g_snprintf:3:c-format --flag=g_prefix_error:2:c-format \
  --output="$tmp/$domain.pot" 2>"$tmp/xgettext.err"

status=0

# A format macro inside _() ("%" G_GINT64_FORMAT) cuts the msgid short at
# the '%': the source then asks for a string no catalogue holds and the
# message stays English forever. xgettext only warns; here it is an error.
# (Use a plain conversion with a cast, or <inttypes.h>'s PRId64, which
# xgettext understands.)
if grep -q 'not a valid C format string' "$tmp/xgettext.err"; then
  echo "Messages that can never be translated (xgettext cannot read their format):" >&2
  grep -B0 'not a valid C format string' "$tmp/xgettext.err" | sed 's/^/  /' >&2
  status=1
fi
grep -v 'not a valid C format string' "$tmp/xgettext.err" >&2 || true

total=$(grep -c '^msgid ' "$tmp/$domain.pot" || true)
total=$((total - 1))
for lang in $(sed -e 's/#.*//' po/LINGUAS); do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "$po: listed in po/LINGUAS but missing" >&2
    status=1
    continue
  fi

  bad=0

  # Strings missing from the .po, left untranslated or marked fuzzy
  # (msgcmp counts fuzzy and empty entries as missing by default).
  if ! msgcmp "$po" "$tmp/$domain.pot" 2>"$tmp/msgcmp.err"; then
    bad=1
  fi

  # Name the strings themselves, not only the .pot line numbers.
  msgmerge --quiet --no-fuzzy-matching --no-wrap "$po" "$tmp/$domain.pot" \
    --output-file="$tmp/merged.po"
  msgattrib --no-wrap --no-obsolete --untranslated "$tmp/merged.po" \
    --output-file="$tmp/untranslated.po"
  msgattrib --no-wrap --no-obsolete --only-fuzzy "$po" --output-file="$tmp/fuzzy.po"
  if grep -q '^msgid "..*"' "$tmp/untranslated.po" 2>/dev/null; then
    echo "$po: strings with no translation:" >&2
    grep -E '^(#:|msgctxt|msgid|msgid_plural) ' "$tmp/untranslated.po" |
      grep -v '^msgid ""$' | sed 's/^/  /' >&2
    bad=1
  fi
  if grep -q '^msgid "..*"' "$tmp/fuzzy.po" 2>/dev/null; then
    echo "$po: fuzzy strings (check the translation, then drop the fuzzy flag):" >&2
    grep -E '^(#:|msgctxt|msgid) ' "$tmp/fuzzy.po" | grep -v '^msgid ""$' | sed 's/^/  /' >&2
    bad=1
  fi
  if [ "$bad" = 1 ] && [ -s "$tmp/msgcmp.err" ]; then
    sed 's/^/  msgcmp: /' "$tmp/msgcmp.err" >&2
  fi

  # Format strings, header, plural forms; and the statistics line must
  # report neither fuzzy nor untranslated messages.
  if ! msgfmt --check --statistics --output-file=/dev/null "$po" 2>"$tmp/stats"; then
    cat "$tmp/stats" >&2
    bad=1
  fi
  stats=$(cat "$tmp/stats")
  case "$stats" in
    *fuzzy* | *untranslated*) bad=1 ;;
  esac

  # Entries in the .po that no source uses any more: not an error, but
  # they make the file lie about what is translated.
  before=$(grep -c '^#~ msgid' "$po" || true)
  after=$(grep -c '^#~ msgid' "$tmp/merged.po" || true)
  obsolete=$((after - before))

  echo "$po: $stats (template: $total strings)"
  if [ "$obsolete" -gt 0 ]; then
    echo "$po: note: $obsolete entries no longer used by the sources (msgmerge would drop them)"
  fi
  if [ "$bad" = 1 ]; then
    echo "$po: INCOMPLETE" >&2
    status=1
  fi
done

exit "$status"
