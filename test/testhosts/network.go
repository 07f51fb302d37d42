package testhosts

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// subnetInUse reports whether the slot's 10.x.0.0/16 already appears on
// this machine (another network or a leftover fleet).
func subnetInUse(ctx context.Context, slot int) bool {
	out, err := runOutput(ctx, "ip", "-4", "-o", "addr", "show")
	if err != nil {
		return true
	}
	return strings.Contains(string(out), fmt.Sprintf(" 10.%d.", 100+slot))
}

// createNetwork makes the fleet's bridge (10.S.0.1/16 on the controller side)
// and, when asked, a private bridge without any controller address.
func createNetwork(ctx context.Context, st *state) error {
	cmds := [][]string{
		{"ip", "link", "add", st.Bridge, "type", "bridge"},
		{"ip", "addr", "add", fmt.Sprintf("10.%d.0.1/16", 100+st.Slot), "dev", st.Bridge},
		{"ip", "link", "set", st.Bridge, "up"},
	}
	if st.PrivBridge != "" {
		cmds = append(cmds,
			[]string{"ip", "link", "add", st.PrivBridge, "type", "bridge"},
			[]string{"ip", "link", "set", st.PrivBridge, "up"})
	}
	return runAll(ctx, cmds)
}

// createHostNetwork makes the host's namespace and its veth into the bridge;
// the bastion also gets a second leg on the private bridge.
func createHostNetwork(ctx context.Context, st *state, h *hostState) error {
	bridge, prefixLen := st.Bridge, 16
	if h.Private {
		bridge, prefixLen = st.PrivBridge, 24
	}
	ns := h.Netns
	cmds := [][]string{
		{"ip", "netns", "add", ns},
		{"ip", "link", "add", h.Veth, "type", "veth", "peer", "name", "eth0", "netns", ns},
		{"ip", "link", "set", h.Veth, "master", bridge, "up"},
		{"ip", "-n", ns, "addr", "add", fmt.Sprintf("%s/%d", h.Addr, prefixLen), "dev", "eth0"},
		{"ip", "-n", ns, "link", "set", "eth0", "up"},
		{"ip", "-n", ns, "link", "set", "lo", "up"},
	}
	if h.PrivVeth != "" {
		cmds = append(cmds,
			[]string{"ip", "link", "add", h.PrivVeth, "type", "veth", "peer", "name", "eth1", "netns", ns},
			[]string{"ip", "link", "set", h.PrivVeth, "master", st.PrivBridge, "up"},
			[]string{"ip", "-n", ns, "addr", "add", h.PrivAddr + "/24", "dev", "eth1"},
			[]string{"ip", "-n", ns, "link", "set", "eth1", "up"})
	}
	return runAll(ctx, cmds)
}

// deleteNetwork removes the namespaces, veths and bridges the state records.
func deleteNetwork(ctx context.Context, st *state) error {
	existing, _ := runOutput(ctx, "ip", "netns", "list")
	var errs []error
	for _, h := range st.Hosts {
		if h.Netns != "" && containsWord(string(existing), h.Netns) {
			if _, err := runOutput(ctx, "ip", "netns", "del", h.Netns); err != nil {
				errs = append(errs, err)
			}
		}
		for _, link := range []string{h.Veth, h.PrivVeth} {
			deleteLink(ctx, link)
		}
	}
	deleteLink(ctx, st.Bridge)
	deleteLink(ctx, st.PrivBridge)
	return errors.Join(errs...)
}

// deleteLink deletes a link if it still exists (veths vanish with their namespace).
func deleteLink(ctx context.Context, link string) {
	if link == "" {
		return
	}
	if _, err := runOutput(ctx, "ip", "link", "show", link); err == nil {
		_, _ = runOutput(ctx, "ip", "link", "del", link)
	}
}

func containsWord(text, word string) bool {
	for _, line := range strings.Split(text, "\n") {
		if f := strings.Fields(line); len(f) > 0 && f[0] == word {
			return true
		}
	}
	return false
}

func runAll(ctx context.Context, cmds [][]string) error {
	for _, c := range cmds {
		if _, err := runOutput(ctx, c[0], c[1:]...); err != nil {
			return err
		}
	}
	return nil
}

// Down cuts host i off the network (its veth goes down); packets to it are
// dropped, so clients see timeouts rather than refusals. Netns mode only.
func (f *Fleet) Down(i int) error { return f.setLink(i, "down") }

// Up reconnects host i after Down.
func (f *Fleet) Up(i int) error { return f.setLink(i, "up") }

func (f *Fleet) setLink(i int, state string) error {
	if f.st.Mode != Netns {
		return errors.New("testhosts: Down/Up need Netns mode")
	}
	if i < 0 || i >= len(f.st.Hosts) {
		return fmt.Errorf("testhosts: no host %d", i)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := runOutput(ctx, "ip", "link", "set", f.st.Hosts[i].Veth, state)
	return err
}
