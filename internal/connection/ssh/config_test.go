package ssh

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSSHConfigMatchesOpenSSH resolves the hosts of testdata/ssh_config the
// way `ssh -G` prints them and compares with OpenSSH's own answers
// (testdata/ssh_G.golden, made by testdata/regen.sh).
func TestSSHConfigMatchesOpenSSH(t *testing.T) {
	golden, err := os.ReadFile("testdata/ssh_G.golden")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadSSHConfig("testdata/ssh_config", "HOME")
	if err != nil {
		t.Fatal(err)
	}
	for _, section := range strings.Split(string(golden), "== ")[1:] {
		host, want, _ := strings.Cut(section, "\n")
		t.Run(host, func(t *testing.T) {
			if got := sshG(cfg, host); got != want {
				t.Errorf("got:\n%s\nwant (ssh -G):\n%s", got, want)
			}
		})
	}
}

// sshG prints the settings the golden file holds, in ssh -G's order and
// with its defaults.
func sshG(cfg *SSHConfig, host string) string {
	host = strings.ToLower(host)
	s := cfg.Lookup(host)
	var b strings.Builder
	line := func(k, v string) { fmt.Fprintf(&b, "%s %s\n", k, v) }
	line("user", firstNonEmpty(s.Get("user"), localUserName()))
	line("hostname", strings.ReplaceAll(firstNonEmpty(s.Get("hostname"), host), "%h", host))
	line("port", firstNonEmpty(s.Get("port"), "22"))
	line("identitiesonly", firstNonEmpty(s.Get("identitiesonly"), "no"))
	strict := firstNonEmpty(s.Get("stricthostkeychecking"), "ask")
	if strict == "yes" || strict == "ask" {
		strict = "true"
	}
	line("stricthostkeychecking", strict)
	line("serveraliveinterval", firstNonEmpty(s.Get("serveraliveinterval"), "0"))
	for _, f := range s["identityfile"] {
		line("identityfile", f)
	}
	known := "~/.ssh/known_hosts ~/.ssh/known_hosts2"
	if v := s.Get("userknownhostsfile"); v != "" {
		known = v
	}
	var files []string
	for _, f := range strings.Fields(known) {
		files = append(files, expandTilde(f, "HOME"))
	}
	line("userknownhostsfile", strings.Join(files, " "))
	line("connecttimeout", firstNonEmpty(s.Get("connecttimeout"), "none"))
	if v := s.Get("proxyjump"); v != "" {
		line("proxyjump", v)
	}
	return b.String()
}

func TestResolveHostConfig(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "config")
	text := "Host alias\n  HostName 10.0.0.5\n  User admin\n  Port 2200\n  IdentityFile %d/keys/%r@%h\n" +
		"  ProxyJump j1,bob@j2:2022\n  StrictHostKeyChecking no\n  ServerAliveInterval 0\n" +
		"Include extra.conf\n"
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, ".ssh"), 0o755); err != nil {
		t.Fatal(err)
	}
	extra := "Host *\n  ConnectTimeout 3\n"
	if err := os.WriteFile(filepath.Join(dir, ".ssh", "extra.conf"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		hc    HostConfig
		check func(*target) string
	}{
		{"config values", HostConfig{Host: "alias"}, func(tg *target) string {
			return fmt.Sprintf("%s %s %v %s %v %v", tg.addr(), tg.user, tg.identityFiles, tg.hostKeyMode, tg.aliveInterval, tg.connectTimeout)
		}},
		{"explicit fields win", HostConfig{Host: "alias", Port: 22, User: "me", HostKeyChecking: HostKeyStrict}, func(tg *target) string {
			return fmt.Sprintf("%s %s %s", tg.addr(), tg.user, tg.hostKeyMode)
		}},
		{"jumps", HostConfig{Host: "alias"}, func(tg *target) string {
			var hops []string
			for _, j := range tg.jumps {
				hops = append(hops, fmt.Sprintf("%s@%s:%d", j.User, j.Host, j.Port))
			}
			return strings.Join(hops, ",")
		}},
		{"unmatched host defaults", HostConfig{Host: "other", User: "u"}, func(tg *target) string {
			return fmt.Sprintf("%s %d %v", tg.addr(), len(tg.identityFiles), tg.knownHosts)
		}},
	}
	want := map[string]string{
		"config values":           fmt.Sprintf("10.0.0.5:2200 admin [%s/keys/admin@10.0.0.5] accept-new -1ns 3s", dir),
		"explicit fields win":     "10.0.0.5:22 me strict",
		"jumps":                   "@j1:0,bob@j2:2022",
		"unmatched host defaults": fmt.Sprintf("other:22 3 [%s/.ssh/known_hosts]", dir),
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.hc.ConfigFile, tt.hc.HomeDir = conf, dir
			tg, err := resolve(tt.hc)
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.check(tg); got != want[tt.name] {
				t.Errorf("got %q, want %q", got, want[tt.name])
			}
		})
	}
}

func TestWildcardMatch(t *testing.T) {
	tests := []struct {
		patterns []string
		host     string
		want     bool
	}{
		{[]string{"*"}, "anything", true},
		{[]string{"web?"}, "web1", true},
		{[]string{"web?"}, "web12", false},
		{[]string{"*.example.com"}, "a.b.example.com", true},
		{[]string{"*", "!bad"}, "bad", false},
		{[]string{"!bad"}, "good", false},
		{[]string{"a,b"}, "a", false},
		{[]string{"WEB*"}, "web1", true},
	}
	for _, tt := range tests {
		if got := matchHostPatterns(tt.patterns, tt.host); got != tt.want {
			t.Errorf("match(%v, %q) = %v, want %v", tt.patterns, tt.host, got, tt.want)
		}
	}
}
