#!/bin/sh
# Stand-in for an application restart: records when it was (re)started.
echo "demo started on $(hostname) at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
