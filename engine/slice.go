package engine

import (
	"fmt"
	"slices"

	"github.com/edxplay/edxplay/internal/jinja"
)

// Slice is one part of a run split across processes, as AWX job slicing
// splits a job: the inventory's hosts, sorted by name (AWX's
// hosts.order_by('name') followed by hosts[index-1::count]), are dealt
// out so that host k (counting from 0) goes to slice k mod Count + 1. A run
// with slice Index of Count runs every play only on the hosts of that
// slice (hosts not in the inventory, such as an implicit localhost, are
// in every slice). The zero value is the whole run.
type Slice struct {
	// Index is the slice number, 1 to Count.
	Index int
	// Count is the number of slices; 0 or 1 means no slicing.
	Count int
}

// Sliced reports whether s selects part of the hosts.
func (s Slice) Sliced() bool { return s.Count > 1 }

// String is "INDEX/COUNT".
func (s Slice) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// Validate checks 1 <= Index <= Count.
func (s Slice) Validate() error {
	if s.Count < 0 || (s.Count > 0 && (s.Index < 1 || s.Index > s.Count)) {
		return fmt.Errorf("slice %s: the index must be between 1 and the count", s)
	}
	return nil
}

// Select keeps the hosts (of inventory, the inventory's hosts) that are in
// slice s; hosts not in inventory are kept.
func (s Slice) Select(inventory, hosts []string) []string {
	if !s.Sliced() {
		return hosts
	}
	slice := s.assign(inventory)
	var out []string
	for _, h := range hosts {
		if n, ok := slice[h]; !ok || n == s.Index {
			out = append(out, h)
		}
	}
	return out
}

// assign maps each inventory host to its slice (1-based): sorted by name,
// host k goes to slice k mod Count + 1.
func (s Slice) assign(inventory []string) map[string]int {
	names := slices.Clone(inventory)
	slices.Sort(names)
	out := make(map[string]int, len(names))
	for k, h := range names {
		out[h] = k%s.Count + 1
	}
	return out
}

// indexHosts records each inventory host's slice, for a sliced run.
func (rn *run) indexHosts() {
	if !rn.opts.Slice.Sliced() {
		return
	}
	rn.slices = rn.opts.Slice.assign(rn.inv.Hosts())
}

// otherSlice returns the slice that manages host when it is not this run's
// slice, or 0.
func (rn *run) otherSlice(host string) int {
	if n, ok := rn.slices[host]; ok && n != rn.opts.Slice.Index {
		return n
	}
	return 0
}

// inSlice keeps the hosts of this run's slice.
func (rn *run) inSlice(hosts []string) []string {
	if !rn.opts.Slice.Sliced() {
		return hosts
	}
	out := hosts[:0:0]
	for _, h := range hosts {
		if rn.otherSlice(h) == 0 {
			out = append(out, h)
		}
	}
	return out
}

// otherSliceFacts stands for the facts of a host another slice manages:
// reading them fails and says why.
func (rn *run) otherSliceFacts(host string, slice int) jinja.Unavailable {
	return jinja.Unavailable{Err: fmt.Errorf("the facts of host %s are not available: it is in slice %d/%d "+
		"and this run is slice %s (each slice gathers the facts of its own hosts only)",
		host, slice, rn.opts.Slice.Count, rn.opts.Slice)}
}
