#!/bin/sh
# The built-in demo: brings up local SSH test hosts (real OpenSSH sshd
# processes on loopback addresses, each with its own host key, a
# known_hosts file and a client key), then runs edxplay on them twice:
# the first run deploys, the second shows that nothing changes.
# Run as root on a Debian machine with Go installed.
set -eu
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
N=${DEMO_HOSTS:-3}
DIR=${DEMO_DIR:-/tmp/edxplay-demo}
if ! command -v sshd >/dev/null 2>&1 && [ ! -x /usr/sbin/sshd ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server >/dev/null
fi
mkdir -p bin
go build -o bin/edxplay ./cmd/edxplay
go build -o bin/testhosts ./testhosts/cmd/testhosts
bin/testhosts down --dir "$DIR" >/dev/null 2>&1 || true
bin/testhosts up "$N" --dir "$DIR"
trap 'bin/testhosts down --dir "$DIR" >/dev/null 2>&1 || true' EXIT
echo "== first run: deploys the demo app configuration to $N hosts"
bin/edxplay run demo.yml -i "$DIR/inventory.ini"
echo "== second run: nothing to change"
bin/edxplay run demo.yml -i "$DIR/inventory.ini"
echo "== dry run of a changed setting (--check --diff)"
bin/edxplay run demo.yml -i "$DIR/inventory.ini" --check --diff -e 'demo_platform_name="edxplay demo v2"'
