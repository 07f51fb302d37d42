#!/bin/sh
# Runs edxplay's whole test suite on a fresh Debian machine (as root):
# installs what the tests need (OpenSSH server for real test hosts,
# ansible-core as the oracle the golden files were recorded with), then
# runs every Go test, integration tests against real sshd hosts included
# (chroot hosts and the Open edX demo need debootstrap), after the linters
# (scripts/lint.sh: gofmt, go vet, golangci-lint).
set -eu
cd "$(dirname "$0")/.."
need=""
for pkg in openssh-server openssh-client ansible-core sudo iproute2 util-linux git python3 python3-venv debootstrap curl unzip time; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need="$need $pkg"
done
if [ -n "$need" ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $need >/dev/null
  else
    echo "missing packages:$need (run as root to install them)" >&2
  fi
fi
export PATH="$PATH:/usr/local/go/bin"
scripts/lint.sh
go test -count=1 -timeout 80m ./... "$@"
# A short run of every fuzz target (tens of seconds each); a crash fails the run.
FUZZTIME="${FUZZTIME:-10s}" scripts/fuzz.sh
