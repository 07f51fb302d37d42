package modspec

// Change is a module's description of what it would do on a host, made
// from the host's state as the module read it and changing nothing. The
// engine derives check mode's result, --diff's output, a plan's entry and
// apply's drift check from it, then has the module make exactly it.
type Change struct {
	// Changed says the module would change the host.
	Changed bool
	// Unknown, when set, is why the module cannot predict its change.
	Unknown string
	// Diffs are the change's before/after pairs.
	Diffs []Diff
}

// Status is the change's one-word summary: "changed", "unknown" or "ok".
func (c Change) Status() string {
	switch {
	case c.Unknown != "":
		return "unknown"
	case c.Changed:
		return "changed"
	}
	return "ok"
}
