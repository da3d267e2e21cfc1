#!/usr/bin/env bash
# Refresh the Vietnamese catalogs: one per app (<app>/locale) and one for the
# project-wide templates (locale/). Translate every new entry afterwards;
# tests/test_translations.py fails while any entry is empty or fuzzy.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHIBO_DEV=1 DJANGO_SETTINGS_MODULE=chibo.settings PYTHONPATH="$PWD"
admin="$PWD/.venv/bin/django-admin"
apps=$(for d in */apps.py; do dirname "$d"; done)
for app in ${1:-$apps}; do
  [ "$app" = "." ] && continue
  (cd "$app" && mkdir -p locale && "$admin" makemessages -l vi --no-obsolete --no-location --verbosity 0)
done
if [ -z "${1:-}" ]; then
  ignores=(--ignore=.venv --ignore=node_modules --ignore=var)
  for app in $apps; do ignores+=(--ignore="$app"); done
  mkdir -p locale
  "$admin" makemessages -l vi --no-obsolete --no-location --verbosity 0 "${ignores[@]}"
fi
