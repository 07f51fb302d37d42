package edxprod

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/edxplay/edxplay/test/testhosts"
)

const (
	oldName = "edxplay prod"
	newName = "edxplay prod rolled"
)

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// buildEdxplay compiles cmd/edxplay into a temporary directory.
func buildEdxplay(t *testing.T, root string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "edxplay")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/edxplay")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/edxplay: %v\n%s", err, out)
	}
	return bin
}

func startSite(t *testing.T, ctx context.Context, l Layout) *Site {
	t.Helper()
	root := repoRoot(t)
	s, err := StartSite(ctx, buildEdxplay(t, root), root, l)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return s
}

// mustRun runs a playbook and fails the test unless it exits with want.
func mustRun(t *testing.T, ctx context.Context, s *Site, want int, playbook string, extra ...string) string {
	t.Helper()
	code, out, err := s.Run(ctx, playbook, extra...)
	if err != nil {
		t.Fatal(err)
	}
	if code != want {
		t.Fatalf("%s %v: exit %d, want %d\n%s", playbook, extra, code, want, out)
	}
	return out
}

// checkPage fetches url and checks it shows the platform name.
func checkPage(t *testing.T, ctx context.Context, url, name string) {
	t.Helper()
	body, err := Get(ctx, http.DefaultClient, url)
	if err != nil {
		t.Fatalf("%v\n%s", err, body)
	}
	if !strings.Contains(body, "<h1>"+name+"</h1>") {
		t.Fatalf("%s does not show %q:\n%s", url, name, body)
	}
}

// TestBasic: the Basic layout, one host in [stateless] and [datastores],
// deploys the demo and serves the page; a second run changes nothing.
func TestBasic(t *testing.T) {
	testhosts.RequireRoot(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	s := startSite(t, ctx, Layout{Prefix: "edxbasic", Order: []string{"edx-one"},
		Groups: map[string][]string{"stateless": {"edx-one"}, "datastores": {"edx-one"}}})
	mustRun(t, ctx, s, 0, "edx-site.yml")
	checkPage(t, ctx, s.URL("edx-one"), oldName)
	out := mustRun(t, ctx, s, 0, "edx-site.yml")
	if !regexp.MustCompile(`edx-one\s+: ok=\d+\s+changed=0 `).MatchString(out) {
		t.Fatalf("second run changed something:\n%s", out)
	}
}

var enterprise = Layout{Prefix: "edxent", Order: []string{"edx-lb", "edx-app1", "edx-app2", "edx-db", "edx-db2"},
	Groups: map[string][]string{
		"loadbalancers":  {"edx-lb"},
		"stateless":      {"edx-app1", "edx-app2"},
		"datastores":     {"edx-db"},
		"mysql_replicas": {"edx-db2"},
	}}

// TestEnterprise: a balancer, two app hosts, a datastores host and its
// MariaDB replica; the page through the balancer from both app hosts; a
// rolling change with a client loop that sees no failure; a broken
// config that stops the rollout at the first host; migrations once;
// backup, drop, restore.
func TestEnterprise(t *testing.T) {
	testhosts.RequireRoot(t)
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Minute)
	defer cancel()
	s := startSite(t, ctx, enterprise)
	mustRun(t, ctx, s, 0, "edx-site.yml")
	t.Run("served through the balancer from both app hosts", func(t *testing.T) { checkBothBackends(t, ctx, s) })
	t.Run("the replica follows the primary", func(t *testing.T) { checkReplica(t, ctx, s) })
	t.Run("rolling change without failed requests", func(t *testing.T) { checkRollingChange(t, ctx, s) })
	t.Run("a broken config stops the rollout", func(t *testing.T) { checkBrokenRollout(t, ctx, s) })
	t.Run("migrations run once", func(t *testing.T) { checkMigrateOnce(t, ctx, s) })
	t.Run("backup, drop, restore", func(t *testing.T) { checkBackupRestore(t, ctx, s) })
	t.Run("rotate the secrets", func(t *testing.T) { checkRotateSecrets(t, ctx, s) })
}

// checkBothBackends reads each app host's access log before and after
// requests through the balancer: both served some.
func checkBothBackends(t *testing.T, ctx context.Context, s *Site) {
	checkPage(t, ctx, s.URL("edx-app1"), oldName)
	checkPage(t, ctx, s.URL("edx-app2"), oldName)
	before := accessCounts(t, ctx, s)
	for i := 0; i < 20; i++ {
		checkPage(t, ctx, s.URL("edx-lb"), oldName)
	}
	after := accessCounts(t, ctx, s)
	for _, h := range []string{"edx-app1", "edx-app2"} {
		if after[h] <= before[h] {
			t.Errorf("%s served none of 20 requests through the balancer (%d → %d)", h, before[h], after[h])
		}
	}
	// The app servers trust the balancer's X-Forwarded-For: their log
	// shows the client, not the balancer.
	log, err := s.Shell(ctx, "edx-app1", "tail -n 1 /edx/var/log/nginx/lms-access.log")
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(log, s.Hosts["edx-lb"].Addr+" ") {
		t.Errorf("app server logs the balancer as the client (real_ip not applied): %s", log)
	}
}

func accessCounts(t *testing.T, ctx context.Context, s *Site) map[string]int {
	t.Helper()
	counts := map[string]int{}
	for _, h := range []string{"edx-app1", "edx-app2"} {
		out, err := s.Shell(ctx, h, "cat /edx/var/log/nginx/lms-access.log 2>/dev/null | wc -l")
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if _, err := fmt.Sscan(strings.TrimSpace(out), &n); err != nil {
			t.Fatalf("%s: access log line count %q: %v", h, out, err)
		}
		counts[h] = n
	}
	return counts
}

func mysql(t *testing.T, ctx context.Context, s *Site, host, sql string) string {
	t.Helper()
	out, err := s.Shell(ctx, host, fmt.Sprintf("mysql --protocol=socket -N -B -e %q", sql))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(out)
}

func checkReplica(t *testing.T, ctx context.Context, s *Site) {
	mysql(t, ctx, s, "edx-db", "CREATE TABLE IF NOT EXISTS edxapp.replica_probe (id INT PRIMARY KEY, v VARCHAR(40)); REPLACE INTO edxapp.replica_probe VALUES (1, 'from the primary')")
	for i := 0; i < 30; i++ {
		out, err := s.Shell(ctx, "edx-db2", `mysql --protocol=socket -N -B -e "SELECT v FROM edxapp.replica_probe WHERE id = 1" 2>&1`)
		if err == nil && strings.TrimSpace(out) == "from the primary" {
			return
		}
		time.Sleep(time.Second)
	}
	status, _ := s.Shell(ctx, "edx-db2", `mysql --protocol=socket -e "SHOW SLAVE STATUS\G"`)
	t.Fatalf("the row never reached the replica:\n%s", status)
}

// checkRollingChange changes EDXAPP_PLATFORM_NAME one host at a time while
// a bounded loop of 2,000 requests goes to the balancer.
func checkRollingChange(t *testing.T, ctx context.Context, s *Site) {
	load := &Load{URL: s.URL("edx-lb"), Requests: 2000, Pause: 15 * time.Millisecond}
	load.Start(ctx, oldName, newName)
	out := mustRun(t, ctx, s, 0, "edx-stateless.yml", "-e", fmt.Sprintf(`{"EDXAPP_PLATFORM_NAME": %q}`, newName))
	load.Wait()
	sent, failures, seen := load.Result()
	t.Logf("client loop: %d requests, %d failed, pages %v", sent, len(failures), seen)
	if len(failures) > 0 {
		t.Fatalf("%d of %d requests failed during the rolling change, first: %s\n%s", len(failures), sent, failures[0], out)
	}
	if sent != 2000 {
		t.Fatalf("the loop sent %d requests, want 2000", sent)
	}
	if seen[oldName] == 0 || seen[newName] == 0 {
		t.Fatalf("the loop did not overlap the change (pages seen %v)", seen)
	}
	for _, h := range []string{"edx-app1", "edx-app2", "edx-lb"} {
		checkPage(t, ctx, s.URL(h), newName)
	}
}

// checkBrokenRollout deploys an empty platform name, which the stand-in
// refuses to start with: the first app host fails its health check, the
// rollout stops, the second host keeps serving the previous config and
// the balancer keeps answering.
func checkBrokenRollout(t *testing.T, ctx context.Context, s *Site) {
	load := &Load{URL: s.URL("edx-lb"), Requests: 2000, Pause: 15 * time.Millisecond}
	load.Start(ctx, newName)
	out := mustRun(t, ctx, s, 2, "edx-stateless.yml", "-e", `{"EDXAPP_PLATFORM_NAME": ""}`)
	load.Stop()
	sent, failures, _ := load.Result()
	t.Logf("client loop during the broken rollout: %d requests, %d failed", sent, len(failures))
	if len(failures) > 0 {
		t.Errorf("%d of %d requests failed through the balancer, first: %s", len(failures), sent, failures[0])
	}
	if !regexp.MustCompile(`edx-app1\s+: .*failed=1`).MatchString(out) {
		t.Errorf("edx-app1 did not fail:\n%s", out)
	}
	if regexp.MustCompile(`(?m)^(ok|changed): \[edx-app2\]`).MatchString(out) {
		t.Errorf("the rollout went on to edx-app2:\n%s", out)
	}
	checkPage(t, ctx, s.URL("edx-app2"), newName)
	for i := 0; i < 10; i++ {
		checkPage(t, ctx, s.URL("edx-lb"), newName)
	}
	// Repair: the previous name rolls out again and both hosts serve.
	mustRun(t, ctx, s, 0, "edx-stateless.yml", "-e", fmt.Sprintf(`{"EDXAPP_PLATFORM_NAME": %q}`, newName))
	checkPage(t, ctx, s.URL("edx-app1"), newName)
}

var migrateTask = regexp.MustCompile(`(?s)TASK \[edxapp : run the migrations\][^\n]*\n(.*?)\n\n`)

// checkMigrateOnce: edx-migrate.yml (and a rolling edx-stateless.yml over
// two batches) runs the migrations on one host only.
func checkMigrateOnce(t *testing.T, ctx context.Context, s *Site) {
	mustRun(t, ctx, s, 0, "edx-migrate.yml", "--check")
	for _, pb := range []string{"edx-migrate.yml", "edx-stateless.yml"} {
		out := mustRun(t, ctx, s, 0, pb)
		var ran []string
		for _, m := range migrateTask.FindAllStringSubmatch(out, -1) {
			// a later batch shows the task skipped
			if regexp.MustCompile(`(?m)^(ok|changed): `).MatchString(m[1]) {
				ran = append(ran, m[1])
			}
		}
		if len(ran) != 1 {
			t.Fatalf("%s: the migrations ran %d times, want once\n%s", pb, len(ran), out)
		}
		if strings.Contains(ran[0], "edx-app2") || !strings.Contains(ran[0], "edx-app1") {
			t.Fatalf("%s: the migrations did not run on edx-app1 alone:\n%s", pb, ran[0])
		}
	}
}

// checkBackupRestore: a row, a backup, the table dropped, the backup
// restored, the row back; --check runs change nothing.
func checkBackupRestore(t *testing.T, ctx context.Context, s *Site) {
	mysql(t, ctx, s, "edx-db", "CREATE TABLE edxapp.backup_probe (id INT PRIMARY KEY, v VARCHAR(40)); INSERT INTO edxapp.backup_probe VALUES (7, 'kept by the backup')")
	mustRun(t, ctx, s, 0, "edx-backup.yml", "--check")
	if out, _ := s.Shell(ctx, "edx-db", "ls /edx/var/backups 2>/dev/null | wc -l"); strings.TrimSpace(out) != "0" {
		t.Fatalf("--check made a backup: %s", out)
	}
	mustRun(t, ctx, s, 0, "edx-backup.yml", "-e", "edx_backup_name=probe", "-e", `{"edx_backup_cron": {"hour": "3", "minute": "15"}}`)
	if out, err := s.Shell(ctx, "edx-db", "crontab -l -u root"); err != nil || !strings.Contains(out, "/usr/local/sbin/edx-backup") {
		t.Fatalf("no cron job for the backups: %v\n%s", err, out)
	}
	mysql(t, ctx, s, "edx-db", "DROP TABLE edxapp.backup_probe")
	mustRun(t, ctx, s, 2, "edx-restore.yml", "-e", "edx_backup_name=nosuch")
	mustRun(t, ctx, s, 0, "edx-restore.yml", "-e", "edx_backup_name=probe", "--check")
	mustRun(t, ctx, s, 0, "edx-restore.yml", "-e", "edx_backup_name=probe")
	if got := mysql(t, ctx, s, "edx-db", "SELECT v FROM edxapp.backup_probe WHERE id = 7"); got != "kept by the backup" {
		t.Fatalf("after the restore the row is %q", got)
	}
	// rotation: with edx_backup_keep 2, three more backups leave two
	for i := 0; i < 3; i++ {
		mustRun(t, ctx, s, 0, "edx-backup.yml", "-e", fmt.Sprintf("edx_backup_name=r%d", i), "-e", "edx_backup_keep=2")
	}
	if out, _ := s.Shell(ctx, "edx-db", "ls /edx/var/backups"); strings.Join(strings.Fields(out), " ") != "r1 r2" {
		t.Fatalf("after rotation the backups are %q, want r1 r2", out)
	}
}

// checkRotateSecrets: new MySQL passwords in a vault file, on the MySQL
// users and in the app servers' auth files in one run; --check first
// changes nothing; the output never shows a new password.
func checkRotateSecrets(t *testing.T, ctx context.Context, s *Site) {
	dir := t.TempDir()
	secrets, pass := filepath.Join(dir, "secrets.yml"), filepath.Join(dir, "vault-pass")
	if err := os.WriteFile(pass, []byte("rotate-test-vault-pass\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"-e", "edx_secrets_file=" + secrets, "-e", "edx_vault_password_file=" + pass,
		"--vault-password-file", pass, "-e", fmt.Sprintf(`{"edx_vault_command": %q}`, s.edxplay+" vault")}
	mustRun(t, ctx, s, 0, "edx-rotate-secrets.yml", append(args, "--check")...)
	if _, err := os.Stat(secrets); err == nil {
		t.Fatal("--check wrote the secrets file")
	}
	out := mustRun(t, ctx, s, 0, "edx-rotate-secrets.yml", args...)
	raw, err := os.ReadFile(secrets)
	if err != nil || !strings.HasPrefix(string(raw), "$ANSIBLE_VAULT;1.1;AES256") {
		t.Fatalf("the secrets file is not vault-encrypted: %v", err)
	}
	plain, err := exec.CommandContext(ctx, s.edxplay, "vault", "view", "--vault-password-file", pass, secrets).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^EDXAPP_MYSQL_PASSWORD: ['"]?([0-9a-f]{48})['"]?$`).FindStringSubmatch(string(plain))
	if m == nil {
		t.Fatalf("no new EDXAPP_MYSQL_PASSWORD in the secrets file")
	}
	newPass := m[1]
	if strings.Contains(out, newPass) {
		t.Fatal("the run's output shows the new password")
	}
	db := s.Hosts["edx-db"].Addr
	login := func(pw string) error {
		_, err := s.Shell(ctx, "edx-db", fmt.Sprintf("mysql -h %s -u edxapp001 -p%s -N -B -e 'SELECT 1' edxapp", db, pw))
		return err
	}
	if err := login(newPass); err != nil {
		t.Fatalf("the new password does not log in: %v", err)
	}
	if login("password") == nil {
		t.Fatal("the old password still logs in")
	}
	if n, err := s.Shell(ctx, "edx-app1", "grep -c "+newPass+" /edx/etc/lms.yml /edx/app/edxapp/lms.auth.json"); err != nil || strings.Contains(n, ":0") {
		t.Fatalf("the app server's auth files lack the new password: %v %s", err, n)
	}
	// the app servers re-rendered from the override file (its platform
	// name) and still serve through the balancer
	checkPage(t, ctx, s.URL("edx-lb"), oldName)
}
