#!/bin/sh
# Runs every Go fuzz target for FUZZTIME each (default 10s), one after the
# other, on FUZZPARALLEL workers (default 1: the machine is shared).
# New crashers are written by go test under the package's testdata/fuzz/;
# commit them as regression seeds once fixed.
# Usage: scripts/fuzz.sh [TARGET...]   (default: all targets)
set -eu
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
time=${FUZZTIME:-10s}
parallel=${FUZZPARALLEL:-1}
targets="
./inventory FuzzINI
./inventory FuzzYAMLInventory
./internal/yaml11 FuzzDecode
./internal/playbook FuzzPlaybook
./internal/playbook FuzzTasks
./internal/jinja FuzzTemplate
./internal/jinja2 FuzzParse
./internal/pyvalue FuzzLiteralEval
./internal/pyvalue FuzzParseJSON
./internal/vault FuzzEnvelope
./internal/pyregex FuzzBacktrack
"
echo "$targets" | while read -r pkg name; do
  [ -n "$pkg" ] || continue
  if [ $# -gt 0 ]; then
    case " $* " in *" $name "*) ;; *) continue ;; esac
  fi
  echo "fuzz $pkg $name ($time)"
  go test "$pkg" -run '^$' -fuzz "^$name\$" -fuzztime "$time" -parallel "$parallel"
done
