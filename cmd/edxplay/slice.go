package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/engine"
)

// sliceEnv are the variables --slice auto reads, in this order: the first
// pair whose index is set is used. Each gives an index (zero- or one-based)
// and a count; docs/slicing.md lists them.
var sliceEnv = []struct {
	index, count string
	base         int // the index of the first slice
}{
	{"JOB_COMPLETION_INDEX", "JOB_COMPLETIONS", 0}, // Kubernetes Indexed Job (JOB_COMPLETIONS set in the Job's env)
	{"CI_NODE_INDEX", "CI_NODE_TOTAL", 1},          // GitLab CI parallel:
	{"CIRCLE_NODE_INDEX", "CIRCLE_NODE_TOTAL", 0},  // CircleCI parallelism:
	{"BUILDKITE_PARALLEL_JOB", "BUILDKITE_PARALLEL_JOB_COUNT", 0},
}

// parseSlice reads --slice: "" (the whole run), "I/N" (1 <= I <= N), or
// "auto" (from the job runner's variables, read with getenv).
func parseSlice(flag string, getenv func(string) string) (engine.Slice, error) {
	switch flag {
	case "":
		return engine.Slice{}, nil
	case "auto":
		return sliceFromEnv(getenv)
	}
	i, n, ok := strings.Cut(flag, "/")
	index, err1 := strconv.Atoi(strings.TrimSpace(i))
	count, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil || count < 1 {
		return engine.Slice{}, fmt.Errorf("--slice %q: want INDEX/COUNT, such as 2/4, or auto", flag)
	}
	s := engine.Slice{Index: index, Count: count}
	if err := s.Validate(); err != nil {
		return engine.Slice{}, fmt.Errorf("--slice %q: %w", flag, err)
	}
	return s, nil
}

// sliceFromEnv finds the slice in a Kubernetes Indexed Job's or a CI
// matrix's variables.
func sliceFromEnv(getenv func(string) string) (engine.Slice, error) {
	for _, v := range sliceEnv {
		idx := getenv(v.index)
		if idx == "" {
			continue
		}
		index, err1 := strconv.Atoi(idx)
		count, err2 := strconv.Atoi(getenv(v.count))
		if err1 != nil || err2 != nil || count < 1 {
			return engine.Slice{}, fmt.Errorf("--slice auto: %s=%q and %s=%q must be numbers (set %s to the number of slices)",
				v.index, idx, v.count, getenv(v.count), v.count)
		}
		s := engine.Slice{Index: index - v.base + 1, Count: count}
		if err := s.Validate(); err != nil {
			return engine.Slice{}, fmt.Errorf("--slice auto: %s=%s, %s=%d: %w", v.index, idx, v.count, count, err)
		}
		return s, nil
	}
	names := make([]string, len(sliceEnv))
	for i, v := range sliceEnv {
		names[i] = v.index
	}
	return engine.Slice{}, fmt.Errorf("--slice auto: none of %s is set", strings.Join(names, ", "))
}
