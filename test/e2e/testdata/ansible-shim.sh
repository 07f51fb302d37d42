#!/usr/bin/env bash
# Stands in for the edxplay binary so that the e2e tests can be run against real
# ansible-playbook, which checks that the goldens are reproducible:
#   EDXPLAY_E2E_BIN=$PWD/testdata/ansible-shim.sh go test ./test/e2e/
# It maps `run PLAYBOOK ARGS...` to `ansible-playbook ARGS... PLAYBOOK`.
set -u
if [[ ${1:-} != run ]]; then
  echo "ansible-shim: only 'run' is supported" >&2
  exit 2
fi
shift
playbook=$1
shift
export ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_LOCALHOST_WARNING=0 \
  ANSIBLE_INVENTORY_UNPARSED_WARNING=0 ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 \
  ANSIBLE_DEPRECATION_WARNINGS=0 LC_ALL=C.UTF-8
exec ansible-playbook "$@" "$playbook"
