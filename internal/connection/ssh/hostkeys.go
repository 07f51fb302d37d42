package ssh

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"

	xssh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// ErrHostKeyUnknown means the host's key is in no known_hosts file.
var ErrHostKeyUnknown = errors.New("host key is not known")

// ErrHostKeyChanged means the host presented a key other than the recorded one.
var ErrHostKeyChanged = errors.New("host key has changed")

// globalKnownHosts is read (never written) in addition to the user files.
const globalKnownHosts = "/etc/ssh/ssh_known_hosts"

// knownHostsWrite serialises accept-new appends within this process.
var knownHostsWrite sync.Mutex

// hostKeyChecker verifies host keys of one target against its known_hosts files.
type hostKeyChecker struct {
	mode  HostKeyMode
	files []string
}

// callback loads the known_hosts files and returns the verifying callback
// and the host key algorithms to offer (those of recorded keys, if any).
func (h hostKeyChecker) callback(hostport string) (xssh.HostKeyCallback, []string, error) {
	if h.mode == HostKeyOff {
		return func(string, net.Addr, xssh.PublicKey) error { return nil }, nil, nil
	}
	db, err := h.load()
	if err != nil {
		return nil, nil, err
	}
	algos := knownAlgorithms(db, hostport)
	cb := func(hostname string, remote net.Addr, key xssh.PublicKey) error {
		return h.verify(db, hostname, remote, key)
	}
	return cb, algos, nil
}

// knownHostsDBs are the known_hosts files read by this process, parsed
// once and shared by every connection (callbacks only read them).
var knownHostsDBs parsedFiles[xssh.HostKeyCallback]

func (h hostKeyChecker) load() (xssh.HostKeyCallback, error) {
	files := append(append([]string(nil), h.files...), globalKnownHosts)
	return knownHostsDBs.get("", files, func() (xssh.HostKeyCallback, bool, error) {
		var existing []string
		for _, f := range files {
			if _, err := os.Stat(f); err == nil {
				existing = append(existing, f)
			}
		}
		if len(existing) == 0 {
			return func(string, net.Addr, xssh.PublicKey) error { return &knownhosts.KeyError{} }, true, nil
		}
		db, err := knownhosts.New(existing...)
		if err != nil {
			return nil, false, fmt.Errorf("read known_hosts: %w", err)
		}
		return db, true, nil
	})
}

func (h hostKeyChecker) verify(db xssh.HostKeyCallback, hostname string, remote net.Addr, key xssh.PublicKey) error {
	err := db(hostname, remote, key)
	var keyErr *knownhosts.KeyError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &keyErr) && len(keyErr.Want) > 0:
		k := keyErr.Want[0]
		return fmt.Errorf("%w: REMOTE HOST IDENTIFICATION HAS CHANGED for %s: it offered %s %s but %s:%d records %s %s; "+
			"refusing to connect (if the change is expected, remove the old line, e.g. ssh-keygen -R %s)",
			ErrHostKeyChanged, hostname, key.Type(), xssh.FingerprintSHA256(key), k.Filename, k.Line,
			k.Key.Type(), xssh.FingerprintSHA256(k.Key), keygenHost(hostname))
	case errors.As(err, &keyErr) && h.mode == HostKeyAcceptNew:
		return h.record(hostname, key)
	case errors.As(err, &keyErr):
		return fmt.Errorf("%w: %s offered %s %s, which is in no known_hosts file (%s); verify it and add it, "+
			"e.g. ssh-keyscan %s >> %s, or connect once with --host-key-checking accept-new",
			ErrHostKeyUnknown, hostname, key.Type(), xssh.FingerprintSHA256(key), strings.Join(h.files, ", "),
			keyscanArgs(hostname), h.files[0])
	default:
		return fmt.Errorf("check host key of %s: %w", hostname, err)
	}
}

// record appends the new key to the first user known_hosts file.
func (h hostKeyChecker) record(hostname string, key xssh.PublicKey) error {
	knownHostsWrite.Lock()
	defer knownHostsWrite.Unlock()
	path := h.files[0]
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("record host key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("record host key: %w", err)
	}
	defer f.Close()
	line := knownhosts.Line([]string{knownhosts.Normalize(hostname)}, key) + "\n"
	if _, err := f.WriteString(line); err != nil {
		return fmt.Errorf("record host key in %s: %w", path, err)
	}
	knownHostsDBs.forget()
	return nil
}

// knownAlgorithms returns the host key algorithms matching keys recorded
// for hostport, so the server is asked for a key we can verify.
func knownAlgorithms(db xssh.HostKeyCallback, hostport string) []string {
	probe, err := xssh.NewPublicKey(ed25519.PublicKey(make([]byte, ed25519.PublicKeySize)))
	if err != nil {
		return nil
	}
	var keyErr *knownhosts.KeyError
	if err := db(hostport, &net.TCPAddr{IP: net.IPv4zero}, probe); !errors.As(err, &keyErr) {
		return nil
	}
	var algos []string
	seen := map[string]bool{}
	for _, k := range keyErr.Want {
		for _, a := range algorithmsFor(k.Key.Type()) {
			if !seen[a] {
				seen[a] = true
				algos = append(algos, a)
			}
		}
	}
	return algos
}

func algorithmsFor(keyType string) []string {
	if keyType == xssh.KeyAlgoRSA {
		return []string{xssh.KeyAlgoRSASHA512, xssh.KeyAlgoRSASHA256, xssh.KeyAlgoRSA}
	}
	return []string{keyType}
}

func keygenHost(hostport string) string {
	return knownhosts.Normalize(hostport)
}

func keyscanArgs(hostport string) string {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil || port == "22" {
		return strings.Trim(hostport, "[]")
	}
	return "-p " + port + " " + host
}
