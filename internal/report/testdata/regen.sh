#!/bin/sh
# Rewrites the golden files of the report package (JSON events, JUnit XML,
# human -v output) from the scripted runs in scenario_test.go. These
# formats are edxplay's own (no ansible oracle); review the diff.
set -e
cd "$(dirname "$0")/.."
go test . -run 'Golden' -count=1 -update
