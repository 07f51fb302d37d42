#!/bin/sh
# Regenerates ssh_G.golden: what OpenSSH's own parser (ssh -G) resolves from
# testdata/ssh_config for each test host; the home directory becomes HOME.
set -eu
cd "$(dirname "$0")"
home=$(getent passwd "$(id -un)" | cut -d: -f6)
keys='^(hostname|user|port|identityfile|proxyjump|stricthostkeychecking|userknownhostsfile|connecttimeout|serveraliveinterval|identitiesonly) '
for h in web1 web9 webX db-1 cache a.internal other; do
  echo "== $h"
  ssh -G -F ssh_config "$h" 2>/dev/null | grep -E "$keys" | sed "s|$home|HOME|g"
done > ssh_G.golden
