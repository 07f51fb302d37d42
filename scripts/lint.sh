#!/bin/sh
# Lints the tree: gofmt, go vet, and golangci-lint with .golangci.yml
# (staticcheck, errcheck, unused, ineffassign and the depguard rules that
# keep the import graph flowing one way: see docs/ARCHITECTURE.md).
# golangci-lint is pinned here and fetched through the Go module proxy on
# first use. Run by `make lint` and by scripts/test.sh.
set -eu
cd "$(dirname "$0")/.."
GOLANGCI_LINT_VERSION=v2.15.0
unformatted=$(gofmt -l .)
if [ -n "$unformatted" ]; then
  echo "gofmt -l reports unformatted files:" >&2
  echo "$unformatted" >&2
  exit 1
fi
go vet ./...
go run "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$GOLANGCI_LINT_VERSION" run ./...
