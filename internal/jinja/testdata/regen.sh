#!/bin/sh
# Regenerates the golden outputs with real ansible-core (2.14) from the
# templates in templates/ and the variables in vars.yml.
set -eu
cd "$(dirname "$0")"
export JINJA_GOLDEN_ENV=golden-env ANSIBLE_NOCOLOR=1 ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_INVENTORY_UNPARSED_WARNING=0
rm -f golden/*.out
ansible-playbook -i localhost, -c local -e @vars.yml regen.yml
