package modules_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestAptKey adds and removes a throwaway OpenPGP key on a chroot test
// host (gnupg installed there from Debian's archive), applying each state
// twice.
func TestAptKey(t *testing.T) {
	conn := newChrootConn(t)
	conn.sh(t, "DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gnupg >/dev/null")
	key, id := throwawayKey(t)
	keyring := "/etc/apt/trusted.gpg.d/edxtest.gpg"
	listed := func() string {
		res, _ := conn.Run(t.Context(), cmd("gpg --no-default-keyring --keyring "+keyring+" --list-keys --with-colons 2>/dev/null | grep -c '^pub' || true"))
		return strings.TrimSpace(res.Stdout)
	}
	assertConverges(t, conn, "apt_key", map[string]any{"data": key, "keyring": keyring, "state": "present"}, listed)
	if listed() != "1" {
		t.Fatalf("key not in %s", keyring)
	}
	assertConverges(t, conn, "apt_key", map[string]any{"id": id, "keyring": keyring, "state": "absent"}, listed)
	if n := listed(); n != "0" && n != "" {
		t.Errorf("key still listed: %s", n)
	}
}

// throwawayKey makes an unprotected signing key with the controller's gpg
// and returns it armored with its long key id.
func throwawayKey(t *testing.T) (string, string) {
	t.Helper()
	if _, err := exec.LookPath("gpg"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("gpg is needed (apt-get install gnupg)")
		}
		t.Skip("gpg not installed")
	}
	home := t.TempDir()
	gpg := func(args ...string) string {
		c := exec.Command("gpg", append([]string{"--homedir", home, "--batch"}, args...)...)
		out, err := c.Output()
		if err != nil {
			t.Fatalf("gpg %v: %v", args, err)
		}
		return string(out)
	}
	gpg("--passphrase", "", "--quick-generate-key", "edxplay test <test@edxplay.invalid>", "ed25519", "sign", "never")
	key := gpg("--armor", "--export")
	for _, line := range strings.Split(gpg("--list-keys", "--with-colons"), "\n") {
		if f := strings.Split(line, ":"); len(f) > 4 && f[0] == "pub" {
			return key, f[4]
		}
	}
	t.Fatal("no key id in gpg's listing")
	return "", ""
}
