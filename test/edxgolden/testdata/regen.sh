#!/usr/bin/env bash
# Regenerates the golden edxapp config files under layouts/*/expected/ by
# running real ansible-playbook (ansible-core 2.14) against the upstream
# Open edX configuration repository (openedx/configuration, archived as
# openedx-unsupported/configuration).
#
# Usage: testdata/regen.sh /path/to/configuration-checkout
#
# The checkout is only read: a throw-away wrapper role under a temp dir
# symlinks the upstream edxapp defaults and templates and the common_vars
# role, and renders ONLY the six config files (the legacy JSON files
# enabled), mirroring the config-rendering tasks of upstream
# tasks/service_variant_config.yml. Nothing upstream is copied into this
# repository: only the rendered outputs are recorded.
#
# Deployment defaults: the issue makes edxplay's edxapp role point app
# servers at the [datastores] group and render the legacy JSON files by
# default. For the upstream run those few values come from an extra
# inventory source listed first (all:vars), the lowest layer above role
# defaults, so the layouts' group_vars, host_vars and -e override them
# exactly as they override a role default. (A second role's defaults
# would not do: a role's tasks see their own role's defaults above every
# other role's.)
set -euo pipefail

upstream=${1:?usage: regen.sh /path/to/openedx/configuration}
here=$(cd "$(dirname "$0")" && pwd)
roles_src="$upstream/playbooks/roles"
test -f "$roles_src/edxapp/defaults/main.yml" || { echo "no edxapp role under $roles_src" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/roles/edxapp_upstream/tasks" "$work/roles/edxapp_upstream/defaults"
ln -s "$roles_src/common_vars" "$work/roles/common_vars"
ln -s "$roles_src/edxapp/defaults/main.yml" "$work/roles/edxapp_upstream/defaults/main.yml"
ln -s "$roles_src/edxapp/templates" "$work/roles/edxapp_upstream/templates"

cat > "$work/deployment_defaults.yml" <<'YAML'
all:
  vars:
    EDXAPP_ENABLE_LEGACY_JSON_CONFIGS: true
    edx_first_datastore: "{{ groups['datastores'] | first }}"
    edx_datastore_host: "{{ 'localhost' if edx_first_datastore == inventory_hostname else edx_first_datastore }}"
    edx_mongo_hosts: "{{ (groups['mongo'] | default([])) or groups['datastores'] }}"
    EDXAPP_MYSQL_HOST: "{{ edx_datastore_host }}"
    EDXAPP_MONGO_HOSTS: "{{ (edx_datastore_host if edx_mongo_hosts | length == 1 else edx_mongo_hosts) }}"
    EDXAPP_MEMCACHE: ["{{ edx_datastore_host }}:11211"]
    EDXAPP_RABBIT_HOSTNAME: "{{ edx_datastore_host }}"
    EDXAPP_SEARCH_HOST: "{{ edx_datastore_host }}"
YAML
# A layout with an upstream-defaults-only file is rendered with upstream's
# defaults alone (the legacy JSON files enabled): the Basic inventory must
# need no deployment default at all.
cat > "$work/upstream_only.yml" <<'YAML'
all:
  vars:
    EDXAPP_ENABLE_LEGACY_JSON_CONFIGS: true
YAML

# The config-rendering tasks of upstream service_variant_config.yml, with
# the destinations moved under the output directory (owner/group dropped:
# they do not change the bytes).
cat > "$work/roles/edxapp_upstream/tasks/main.yml" <<'YAML'
- name: create application and auth config
  template:
    src: "{{ item[0] }}.{{ item[1] }}.json.j2"
    dest: "{{ golden_out }}/{{ item[0] }}.{{ item[1] }}.json"
    mode: "0640"
  when: EDXAPP_ENABLE_LEGACY_JSON_CONFIGS
  with_nested:
    - "{{ service_variants_enabled }}"
    - ['env', 'auth']
- name: combined lms auth env for yml
  set_fact:
    lms_combined_config: '{{lms_env_config|combine(lms_auth_config)}}'
  when: '"lms" in service_variants_enabled and not EDXAPP_DECRYPT_CONFIG_ENABLED'
- name: render lms yml config
  template:
    src: lms.yml.j2
    dest: "{{ golden_out }}/lms.yml"
    mode: "0640"
  with_items: "{{ service_variants_enabled }}"
  when: '"lms" in service_variants_enabled and not EDXAPP_DECRYPT_CONFIG_ENABLED'
- name: combined cms auth env for yml
  set_fact:
    cms_combined_config: '{{cms_env_config|combine(cms_auth_config)}}'
  when: '"cms" in service_variants_enabled and not EDXAPP_DECRYPT_CONFIG_ENABLED'
- name: render studio yml config
  template:
    src: studio.yml.j2
    dest: "{{ golden_out }}/studio.yml"
    mode: "0640"
  with_items: "{{ service_variants_enabled }}"
  when: '"cms" in service_variants_enabled and not EDXAPP_DECRYPT_CONFIG_ENABLED'
YAML

for layout in "$here"/layouts/*/; do
  layout=${layout%/}
  name=$(basename "$layout")
  # group_vars/ and host_vars/ are read beside the inventory, so the
  # inventory is used in place.
  cat > "$work/site.yml" <<'YAML'
- hosts: stateless
  gather_facts: false
  roles:
    - common_vars
    - edxapp_upstream
YAML
  defaults="$work/deployment_defaults.yml"
  [ -e "$layout/upstream-defaults-only" ] && defaults="$work/upstream_only.yml"
  rm -rf "$layout/expected"
  mkdir -p "$layout/expected"
  echo "== $name"
  ANSIBLE_ROLES_PATH="$work/roles" ANSIBLE_JINJA2_EXTENSIONS=jinja2.ext.do ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 \
    ansible-playbook -c local -i "$defaults" -i "$layout/inventory.ini" --limit "$(cat "$layout/host")" \
      -e "@$layout/overrides.yml" -e "golden_out=$layout/expected" -e ansible_become=false "$work/site.yml" >"$work/$name.log" \
    || { cat "$work/$name.log" >&2; exit 1; }
  ls "$layout/expected"
done

# Cross-check: edxplay's own edxapp role (roles/edxapp), rendered by
# ansible-playbook itself, must already produce the same bytes; a failure
# here is a bug in the role, not in edxplay.
repo=$(cd "$here/../../.." && pwd)
# (in a directory of its own: beside $work/roles, the playbook would see
# upstream's common_vars first)
mkdir -p "$work/own"
cat > "$work/own/own.yml" <<'YAML'
- hosts: stateless
  gather_facts: false
  tasks:
    - include_role:
        name: edxapp
        tasks_from: config.yml
YAML
status=0
for layout in "$here"/layouts/*/; do
  layout=${layout%/}
  out="$work/own-$(basename "$layout")"
  ANSIBLE_ROLES_PATH="$repo/roles" ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 \
    ansible-playbook -c local -i "$layout/inventory.ini" --limit "$(cat "$layout/host")" \
      -e "@$layout/overrides.yml" -e "edxapp_config_root=$out" -e ansible_become=false "$work/own/own.yml" >"$work/own.log" \
    || { cat "$work/own.log" >&2; exit 1; }
  for f in lms.env.json lms.auth.json cms.env.json cms.auth.json; do
    cmp "$layout/expected/$f" "$out/edx/app/edxapp/$f" || status=1
  done
  for f in lms.yml studio.yml; do
    cmp "$layout/expected/$f" "$out/edx/etc/$f" || status=1
  done
done
[ $status = 0 ] && echo "roles/edxapp renders the same bytes under ansible-playbook"
exit $status
