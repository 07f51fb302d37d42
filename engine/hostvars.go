package engine

// hostvarsLazy exposes every inventory host's variables to templates as
// `hostvars`, templated on access in that host's own scope.
type hostvarsLazy struct {
	pr *playRun
}

// Get returns the variable scope of one host.
func (hv *hostvarsLazy) Get(host string) (any, bool, error) {
	if _, ok := hv.pr.run.inv.Host(host); !ok {
		return nil, false, nil
	}
	h := hv.pr.run.host(host)
	h.mu.Lock()
	raw := hv.pr.hostVars(h, nil, nil)
	h.mu.Unlock()
	if slice := hv.pr.run.otherSlice(host); slice != 0 {
		raw["ansible_facts"] = hv.pr.run.otherSliceFacts(host, slice)
	}
	return hv.pr.run.Jinja.NewScope(raw), true, nil
}

// Keys returns the inventory's host names.
func (hv *hostvarsLazy) Keys() []string {
	return hv.pr.run.inv.Hosts()
}
