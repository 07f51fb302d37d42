# edxplay developer targets. `make help` lists them.

# Packages whose tests need a real sshd (test/testhosts), chroot hosts or
# ansible-core; test-unit leaves them to `make test`.
INTEGRATION_PKGS := /cmd/edxplay$$|/internal/connection/ssh$$|/internal/vault$$|/internal/vault/vaulttool$$|/modules$$|/test/|/bench/
UNIT_PKGS = $(shell go list ./... | grep -v -E '$(INTEGRATION_PKGS)')

.PHONY: help build test-unit test lint bench fuzz

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

build: ## build the edxplay binary into ./edxplay
	go build -o edxplay ./cmd/edxplay

test-unit: ## fast tests: no sshd, chroot or ansible (seconds)
	go test -count=1 $(UNIT_PKGS)

test: ## everything, as on CI: installs test dependencies, vet, lint, all tests
	scripts/test.sh

lint: ## gofmt, go vet and golangci-lint, version pinned in scripts/lint.sh (staticcheck, errcheck, unused, import-graph rules)
	scripts/lint.sh

bench: ## the benchmark against the SSH floor and ansible-playbook (root; see bench/run.sh)
	bench/run.sh

fuzz: ## run the fuzz targets for a bounded time (see scripts/fuzz.sh)
	scripts/fuzz.sh
