package ssh

import (
	"fmt"
	"net"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// HostKeyMode says how unknown and changed host keys are handled.
type HostKeyMode string

const (
	// HostKeyStrict refuses hosts whose key is not in a known_hosts file.
	HostKeyStrict HostKeyMode = "strict"
	// HostKeyAcceptNew records unknown host keys; changed keys are refused.
	HostKeyAcceptNew HostKeyMode = "accept-new"
	// HostKeyOff ignores host keys entirely. Only an explicit user choice
	// sets it; ssh_config "StrictHostKeyChecking no" means accept-new here.
	HostKeyOff HostKeyMode = "off"
)

// HostConfig says how to reach one host. Fields left zero come from the
// ssh_config file, then from OpenSSH's defaults.
type HostConfig struct {
	// Host is the name or address to connect to; ssh_config Host patterns
	// match it, and its HostName (if any) replaces it.
	Host string
	// Port is the TCP port (0: ssh_config, else 22).
	Port int
	// User is the login user (empty: ssh_config, else the local user).
	User string
	// Password enables password (and keyboard-interactive) authentication.
	Password string
	// PrivateKeyFiles are tried before ssh_config IdentityFiles and the
	// default ~/.ssh/id_ed25519, id_ecdsa and id_rsa.
	PrivateKeyFiles []string
	// Passphrase is asked for the passphrase of an encrypted key file.
	Passphrase func(file string) ([]byte, error)
	// HostKeyChecking overrides ssh_config StrictHostKeyChecking (empty:
	// ssh_config, else strict).
	HostKeyChecking HostKeyMode
	// KnownHostsFiles replace ssh_config UserKnownHostsFile (default
	// ~/.ssh/known_hosts); accept-new appends to the first.
	KnownHostsFiles []string
	// ConfigFile is the ssh_config to read ("" means ~/.ssh/config, "none" none).
	ConfigFile string
	// ProxyJump lists jump hosts, "[user@]host[:port]" separated by commas
	// (empty: ssh_config; "none" disables).
	ProxyJump string
	// ConnectTimeout bounds TCP connect plus SSH handshake (0: ssh_config, else 10s).
	ConnectTimeout time.Duration
	// ServerAliveInterval is the keepalive period (0: ssh_config, else 15s; <0 off).
	ServerAliveInterval time.Duration
	// Retries is how often a transient connect failure is retried with
	// backoff (0: 2 retries; <0: none).
	Retries int
	// DisableAgent stops the use of the ssh-agent at SSH_AUTH_SOCK.
	DisableAgent bool
	// HomeDir replaces $HOME for ~ expansion and default files.
	HomeDir string
}

// target is a HostConfig resolved against ssh_config and defaults.
type target struct {
	alias          string
	hostname       string
	port           int
	user           string
	password       string
	identityFiles  []string
	explicitKeys   int
	identitiesOnly bool
	passphrase     func(string) ([]byte, error)
	hostKeyMode    HostKeyMode
	knownHosts     []string
	jumps          []HostConfig
	connectTimeout time.Duration
	aliveInterval  time.Duration
	aliveCountMax  int
	retries        int
	useAgent       bool
}

func (t *target) addr() string { return net.JoinHostPort(t.hostname, strconv.Itoa(t.port)) }

// resolve applies the ssh_config file and defaults to hc.
func resolve(hc HostConfig) (*target, error) {
	home := hc.HomeDir
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	cfg, err := loadConfigFor(hc, home)
	if err != nil {
		return nil, err
	}
	host := strings.ToLower(hc.Host)
	s := cfg.Lookup(host)
	t := &target{alias: hc.Host, password: hc.Password, passphrase: hc.Passphrase, useAgent: !hc.DisableAgent}
	t.hostname = strings.ReplaceAll(firstNonEmpty(s.Get("hostname"), host), "%h", host)
	if err := resolvePortUser(t, hc, s); err != nil {
		return nil, err
	}
	tok := tokenValues{home: home, host: t.hostname, port: strconv.Itoa(t.port), remoteUser: t.user,
		localUser: localUserName(), original: hc.Host}
	resolveKeys(t, hc, s, tok)
	if err := resolveHostKeys(t, hc, s, tok); err != nil {
		return nil, err
	}
	if err := resolveTimes(t, hc, s); err != nil {
		return nil, err
	}
	t.jumps, err = resolveJumps(hc, s)
	if err != nil {
		return nil, err
	}
	t.retries = hc.Retries
	if t.retries == 0 {
		t.retries = 2
	}
	return t, nil
}

func loadConfigFor(hc HostConfig, home string) (*SSHConfig, error) {
	path := hc.ConfigFile
	switch path {
	case "none":
		return &SSHConfig{}, nil
	case "":
		path = filepath.Join(home, ".ssh", "config")
	}
	path = expandTilde(path, home)
	return sshConfigs.get(home, []string{path}, func() (*SSHConfig, bool, error) {
		cfg, err := LoadSSHConfig(path, home)
		return cfg, err == nil && !cfg.includes, err
	})
}

// sshConfigs are the ssh_config files read by this process, parsed once.
var sshConfigs parsedFiles[*SSHConfig]

func resolvePortUser(t *target, hc HostConfig, s HostSettings) error {
	t.port = hc.Port
	if t.port == 0 && s.Get("port") != "" {
		p, err := strconv.Atoi(s.Get("port"))
		if err != nil || p < 1 || p > 65535 {
			return fmt.Errorf("ssh config: bad Port %q for %s", s.Get("port"), hc.Host)
		}
		t.port = p
	}
	if t.port == 0 {
		t.port = 22
	}
	t.user = firstNonEmpty(hc.User, s.Get("user"), localUserName())
	return nil
}

func resolveKeys(t *target, hc HostConfig, s HostSettings, tok tokenValues) {
	t.identityFiles = append(t.identityFiles, hc.PrivateKeyFiles...)
	t.explicitKeys = len(hc.PrivateKeyFiles)
	for _, f := range s["identityfile"] {
		t.identityFiles = append(t.identityFiles, expandTokens(f, tok))
	}
	t.identitiesOnly = strings.EqualFold(s.Get("identitiesonly"), "yes")
	if len(t.identityFiles) == 0 {
		for _, name := range []string{"id_ed25519", "id_ecdsa", "id_rsa"} {
			t.identityFiles = append(t.identityFiles, filepath.Join(tok.home, ".ssh", name))
		}
	}
	for i, f := range t.identityFiles {
		t.identityFiles[i] = expandTilde(f, tok.home)
	}
}

func resolveHostKeys(t *target, hc HostConfig, s HostSettings, tok tokenValues) error {
	t.hostKeyMode = hc.HostKeyChecking
	if t.hostKeyMode == "" {
		switch strings.ToLower(s.Get("stricthostkeychecking")) {
		case "", "yes", "ask":
			t.hostKeyMode = HostKeyStrict
		case "accept-new", "no", "off":
			t.hostKeyMode = HostKeyAcceptNew
		default:
			return fmt.Errorf("ssh config: bad StrictHostKeyChecking %q", s.Get("stricthostkeychecking"))
		}
	}
	switch t.hostKeyMode {
	case HostKeyStrict, HostKeyAcceptNew, HostKeyOff:
	default:
		return fmt.Errorf("unknown host key checking mode %q (strict, accept-new or off)", t.hostKeyMode)
	}
	t.knownHosts = append([]string(nil), hc.KnownHostsFiles...)
	if len(t.knownHosts) == 0 {
		for _, v := range s["userknownhostsfile"] {
			for _, f := range strings.Fields(v) {
				t.knownHosts = append(t.knownHosts, expandTokens(f, tok))
			}
		}
	}
	if len(t.knownHosts) == 0 {
		t.knownHosts = []string{filepath.Join(tok.home, ".ssh", "known_hosts")}
	}
	return nil
}

func resolveTimes(t *target, hc HostConfig, s HostSettings) error {
	var err error
	t.connectTimeout, err = durationSetting(hc.ConnectTimeout, s.Get("connecttimeout"), 10*time.Second)
	if err != nil {
		return fmt.Errorf("ssh config ConnectTimeout: %w", err)
	}
	t.aliveInterval, err = durationSetting(hc.ServerAliveInterval, s.Get("serveraliveinterval"), 15*time.Second)
	if err != nil {
		return fmt.Errorf("ssh config ServerAliveInterval: %w", err)
	}
	t.aliveCountMax = 3
	if v := s.Get("serveralivecountmax"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			t.aliveCountMax = n
		}
	}
	return nil
}

// durationSetting picks an explicit duration, else a seconds value from
// ssh_config ("0" there means off), else def.
func durationSetting(explicit time.Duration, configured string, def time.Duration) (time.Duration, error) {
	if explicit != 0 {
		return explicit, nil
	}
	if configured == "" {
		return def, nil
	}
	secs, err := strconv.Atoi(configured)
	if err != nil || secs < 0 {
		return 0, fmt.Errorf("bad seconds value %q", configured)
	}
	if secs == 0 {
		return -1, nil
	}
	return time.Duration(secs) * time.Second, nil
}

// resolveJumps turns ProxyJump into per-hop HostConfigs sharing the
// target's keys, known hosts and config file.
func resolveJumps(hc HostConfig, s HostSettings) ([]HostConfig, error) {
	spec := firstNonEmpty(hc.ProxyJump, s.Get("proxyjump"))
	if spec == "" || strings.EqualFold(spec, "none") {
		return nil, nil
	}
	var jumps []HostConfig
	for _, hop := range strings.Split(spec, ",") {
		j, err := parseJump(strings.TrimSpace(hop))
		if err != nil {
			return nil, err
		}
		j.PrivateKeyFiles, j.Passphrase = hc.PrivateKeyFiles, hc.Passphrase
		j.HostKeyChecking, j.KnownHostsFiles = hc.HostKeyChecking, hc.KnownHostsFiles
		j.ConfigFile, j.HomeDir, j.DisableAgent = hc.ConfigFile, hc.HomeDir, hc.DisableAgent
		j.ConnectTimeout, j.ServerAliveInterval, j.Retries = hc.ConnectTimeout, hc.ServerAliveInterval, -1
		j.ProxyJump = "none"
		jumps = append(jumps, j)
	}
	return jumps, nil
}

// parseJump parses "[ssh://][user@]host[:port]" (IPv6 in brackets).
func parseJump(hop string) (HostConfig, error) {
	var j HostConfig
	hop = strings.TrimPrefix(hop, "ssh://")
	if at := strings.LastIndex(hop, "@"); at >= 0 {
		j.User, hop = hop[:at], hop[at+1:]
	}
	host, port, err := net.SplitHostPort(hop)
	if err != nil {
		host, port = strings.Trim(hop, "[]"), ""
	}
	if host == "" {
		return j, fmt.Errorf("bad ProxyJump hop %q", hop)
	}
	j.Host = host
	if port != "" {
		p, err := strconv.Atoi(port)
		if err != nil || p < 1 || p > 65535 {
			return j, fmt.Errorf("bad ProxyJump port in %q", hop)
		}
		j.Port = p
	}
	return j, nil
}

func localUserName() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return os.Getenv("USER")
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
