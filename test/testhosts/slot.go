package testhosts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// slotDir records which fleets exist on the machine (one JSON file per slot).
const slotDir = "/run/edxplay-testhosts"

const (
	maxSlots = 80
	maxHosts = 1000
)

// state is everything needed to tear a fleet down, also from another process.
type state struct {
	Slot       int         `json:"slot"`
	Owner      int         `json:"owner"`
	Persistent bool        `json:"persistent"`
	Mode       Mode        `json:"mode"`
	Prefix     string      `json:"prefix"`
	Dir        string      `json:"dir"`
	RemoveDir  bool        `json:"remove_dir"`
	Bridge     string      `json:"bridge,omitempty"`
	PrivBridge string      `json:"priv_bridge,omitempty"`
	Hosts      []hostState `json:"hosts"`
}

// hostState is one host's names, address and processes.
type hostState struct {
	Name     string `json:"name"`
	Addr     string `json:"addr"`
	Port     int    `json:"port"`
	Private  bool   `json:"private,omitempty"`
	PrivAddr string `json:"priv_addr,omitempty"`
	Netns    string `json:"netns,omitempty"`
	Veth     string `json:"veth,omitempty"`
	PrivVeth string `json:"priv_veth,omitempty"`
	PID      int    `json:"pid,omitempty"`
	MountNS  string `json:"mount_ns,omitempty"`
}

func slotFile(slot int) string { return filepath.Join(slotDir, fmt.Sprintf("slot-%d.json", slot)) }

func (st *state) save() error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("encode fleet state: %w", err)
	}
	tmp := slotFile(st.Slot) + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("save fleet state: %w", err)
	}
	return os.Rename(tmp, slotFile(st.Slot))
}

func loadState(path string) (*state, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read fleet state: %w", err)
	}
	var st state
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("decode fleet state %s: %w", path, err)
	}
	return &st, nil
}

func loadStateFromDir(dir string) (*state, error) {
	data, err := os.ReadFile(filepath.Join(dir, "slot"))
	if err != nil {
		return nil, fmt.Errorf("no fleet in %s: %w", dir, err)
	}
	slot, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		return nil, fmt.Errorf("fleet slot file in %s: %w", dir, err)
	}
	return loadState(slotFile(slot))
}

// withLock runs fn holding the machine-wide testhosts lock.
func withLock(fn func() error) error {
	if err := os.MkdirAll(slotDir, 0o755); err != nil {
		return fmt.Errorf("make %s: %w", slotDir, err)
	}
	lock, err := os.OpenFile(filepath.Join(slotDir, "lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return fmt.Errorf("open testhosts lock: %w", err)
	}
	defer lock.Close() // closing the file releases the lock
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("lock testhosts: %w", err)
	}
	return fn()
}

// claimSlot picks a free slot (reclaiming those of dead owners), records it
// and returns the fleet's planned state.
func claimSlot(ctx context.Context, opts Options) (*state, error) {
	var st *state
	err := withLock(func() error {
		for slot := 0; slot < maxSlots; slot++ {
			free, err := slotFree(ctx, slot, opts.Mode)
			if err != nil {
				return err
			}
			if !free {
				continue
			}
			st = planState(slot, opts)
			return st.save()
		}
		return errors.New("no free fleet slot (too many fleets up?)")
	})
	if err != nil {
		return nil, fmt.Errorf("testhosts: claim slot: %w", err)
	}
	return st, nil
}

// slotFree reports whether slot can be used, tearing down a dead owner's fleet.
func slotFree(ctx context.Context, slot int, mode Mode) (bool, error) {
	old, err := loadState(slotFile(slot))
	if errors.Is(err, os.ErrNotExist) {
		return mode != Netns || !subnetInUse(ctx, slot), nil
	}
	if err != nil {
		return false, err
	}
	if old.Persistent || processAlive(old.Owner) {
		return false, nil
	}
	if err := teardown(ctx, old); err != nil {
		return false, fmt.Errorf("clean up stale fleet in slot %d: %w", slot, err)
	}
	if old.RemoveDir && old.Dir != "" {
		_ = os.RemoveAll(old.Dir)
	}
	return mode != Netns || !subnetInUse(ctx, slot), nil
}

func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	return syscall.Kill(pid, 0) == nil
}

// planState assigns names and addresses to the hosts of a new fleet.
func planState(slot int, opts Options) *state {
	st := &state{Slot: slot, Owner: os.Getpid(), Persistent: opts.Persistent, Mode: opts.Mode, Prefix: opts.Prefix}
	if opts.Mode == Netns {
		st.Bridge = fmt.Sprintf("edx%dbr", slot)
		if opts.PrivateHosts > 0 {
			st.PrivBridge = fmt.Sprintf("edx%dpb", slot)
		}
	}
	firstPrivate := opts.N - opts.PrivateHosts
	for i := range opts.N {
		h := hostState{Name: fmt.Sprintf("h%d", i+1)}
		switch {
		case opts.Mode == Loopback || opts.Mode == Chroot:
			h.Addr, h.Port = fmt.Sprintf("127.%d.%d.%d", 20+slot, i/200, i%200+10), 2222
		case i >= firstPrivate:
			h.Addr, h.Port, h.Private = fmt.Sprintf("198.18.%d.%d", slot, i-firstPrivate+10), 22, true
		default:
			h.Addr, h.Port = fmt.Sprintf("10.%d.%d.%d", 100+slot, i/200, i%200+10), 22
		}
		if opts.Mode == Netns {
			h.Netns = fmt.Sprintf("%s%dh%d", opts.Prefix, slot, i+1)
			h.Veth = fmt.Sprintf("edx%dv%d", slot, i+1)
		}
		if opts.Mode == Netns && i == 0 && opts.PrivateHosts > 0 {
			h.PrivVeth, h.PrivAddr = fmt.Sprintf("edx%dp%d", slot, i+1), fmt.Sprintf("198.18.%d.1", slot)
		}
		st.Hosts = append(st.Hosts, h)
	}
	return st
}

// teardown kills the fleet's processes, deletes its network objects and
// frees its slot. It only touches what the state records.
func teardown(ctx context.Context, st *state) error {
	var errs []error
	for i := range st.Hosts {
		errs = append(errs, killHost(ctx, &st.Hosts[i]))
	}
	if st.Mode == Netns {
		errs = append(errs, deleteNetwork(ctx, st))
	}
	if st.Mode == Chroot {
		for i := range st.Hosts {
			errs = append(errs, removeChrootHost(st.Dir, &st.Hosts[i]))
		}
	}
	if err := os.Remove(slotFile(st.Slot)); err != nil && !errors.Is(err, os.ErrNotExist) {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
