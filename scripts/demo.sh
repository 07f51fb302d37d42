#!/bin/sh
# The Open edX demo: brings up two chroot test hosts on this machine (one
# stateless, one datastores; each its own Debian root filesystem, an
# overlay over a debootstrap base cached in /var/cache/edxplay-test), runs
# the built-in edx-site.yml on them with the edx-platform stand-in of
# test/edxdemo/edx-platform-standin, fetches the LMS page through nginx,
# runs again (nothing must change), does a --check --diff run with
# EDXAPP_PLATFORM_NAME changed, and tears the hosts down.
# Run as root on a Debian machine with Go installed. The first time takes
# about 5 minutes (debootstrap, then apt inside the hosts); later runs
# reuse the cached root filesystem and .deb files and take about 3.
set -eu
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
missing=""
command -v debootstrap >/dev/null 2>&1 || missing="$missing debootstrap"
command -v git >/dev/null 2>&1 || missing="$missing git"
command -v ssh >/dev/null 2>&1 || missing="$missing openssh-client"
command -v curl >/dev/null 2>&1 || missing="$missing curl"
if [ -n "$missing" ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
mkdir -p bin
go build -o bin/edxplay ./cmd/edxplay
go build -o bin/edxdemo ./test/edxdemo/cmd/edxdemo
exec bin/edxdemo --edxplay bin/edxplay --repo . --logs "${DEMO_LOGS:-/tmp/edxplay-demo-logs}"
