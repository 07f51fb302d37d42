package edxprod

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// render runs `edxplay render` of edx-site.yml for one host of one of the
// repository's example inventories into a fresh directory.
func render(t *testing.T, bin, inventory, host string, extra ...string) (string, string, error) {
	t.Helper()
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append([]string{"render", "-i", filepath.Join(repoRoot(t), inventory), "--host", host, "--out", out}, extra...)
	log, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	return out, string(log), err
}

func readRendered(t *testing.T, dir, path string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, path))
	if err != nil {
		t.Fatalf("rendered file: %v", err)
	}
	return string(data)
}

// TestTierRendering checks what each tier's example inventory alone makes
// the roles render (no host needed): Basic on the loopback, Pro on the
// datastores host's address, Enterprise with the balancer's upstreams,
// the forwarded headers trusted, the MariaDB replica and the MongoDB
// replica set.
func TestTierRendering(t *testing.T) {
	bin := buildEdxplay(t, repoRoot(t))
	cases := []struct {
		inventory, host string
		extra           []string
		files           map[string][]string
	}{
		{"inventory.basic.ini", "edx.example.org", nil, map[string][]string{
			"etc/mysql/mariadb.conf.d/60-edx.cnf": {"bind-address = 127.0.0.1\n"},
			"etc/memcached.conf":                  {"-l 127.0.0.1\n"},
			"edx/etc/lms.yml":                     {"        HOST: localhost\n", "    host: localhost\n"},
		}},
		{"inventory.pro.ini", "db01.example.org", nil, map[string][]string{
			"etc/mysql/mariadb.conf.d/60-edx.cnf": {"bind-address = 0.0.0.0\n"},
		}},
		{"inventory.pro.ini", "app01.example.org", nil, map[string][]string{
			"edx/etc/lms.yml": {"        HOST: db01.example.org\n", "    host: db01.example.org\n"},
		}},
		{"inventory.enterprise.ini", "lb01.example.org", nil, map[string][]string{
			"etc/nginx/conf.d/edx-loadbalancer.conf": {
				"upstream edx-lms {\n    server 10.0.1.11:80 max_fails=1 fail_timeout=5s; # app01.example.org\n    server 10.0.1.12:80 max_fails=1 fail_timeout=5s; # app02.example.org\n}",
				"upstream edx-cms {\n    server 10.0.1.11:18010 max_fails=1",
				"proxy_next_upstream error timeout http_502 http_503 http_504;",
			},
		}},
		{"inventory.enterprise.ini", "app01.example.org", nil, map[string][]string{
			"etc/nginx/sites-available/lms":       {"set_real_ip_from 10.0.1.5;\n", "real_ip_header X-Forwarded-For;\n", "X-Forwarded-Proto $http_x_forwarded_proto;"},
			"edx/etc/lms.yml":                     {"replicaSet: rs0\n", "    - db01.example.org\n    - db02.example.org\n"},
			"edx/app/edxapp/lms_gunicorn.py":      {"workers = (multiprocessing.cpu_count() - 1) * 4 + 4\n", "graceful_timeout = 30\n"},
			"etc/mysql/mariadb.conf.d/60-edx.cnf": nil,
		}},
		{"inventory.enterprise.ini", "db01.example.org", nil, map[string][]string{
			"etc/mysql/mariadb.conf.d/60-edx.cnf": {"server_id = 1\nlog_bin = mysql-bin\n"},
			"root/.edx-mysql-setup.sql":           {"GRANT REPLICATION SLAVE ON *.* TO 'replicator'@'%';"},
			"etc/mongod.conf":                     {"replication:\n  replSetName: rs0\n", "keyFile: /etc/mongod.key"},
			"root/.edx-mongo-replset.js":          {`{_id: 0, host: "10.0.1.21:27017"}`, `{_id: 2, host: "10.0.1.23:27017", arbiterOnly: true}`},
		}},
		{"inventory.enterprise.ini", "db02.example.org", nil, map[string][]string{
			"etc/mysql/mariadb.conf.d/60-edx.cnf": {"server_id = 2\n", "read_only = 1\n"},
			"root/.edx-mysql-replica.sql":         {"MASTER_HOST = '10.0.1.21'", "MASTER_USE_GTID = slave_pos"},
		}},
		{"inventory.enterprise.ini", "app01.example.org", []string{"-e", `{"EDXAPP_LMS_MAX_REQ": 1000, "EDXAPP_GUNICORN_WORKER_MEMORY_LIMIT": 2147483648, "EDXAPP_GUNICORN_WORKER_CPU_LIMIT": 600, "EDXAPP_WORKERS": {"lms": 5, "cms": 3}, "EDXAPP_LMS_GUNICORN_TIMEOUT": 90}`}, map[string][]string{
			"edx/app/edxapp/lms_gunicorn.py": {"workers = 5\n", "max_requests = 1000\nmax_requests_jitter = 50\n", "WORKER_MEMORY_LIMIT = 2147483648\n", "WORKER_CPU_LIMIT = 600\n", "timeout = 90\n"},
		}},
	}
	for _, c := range cases {
		t.Run(c.inventory+"/"+c.host, func(t *testing.T) {
			dir, log, err := render(t, bin, c.inventory, c.host, c.extra...)
			if err != nil {
				t.Fatalf("render: %v\n%s", err, log)
			}
			for path, wants := range c.files {
				if wants == nil {
					if _, err := os.Stat(filepath.Join(dir, path)); err == nil {
						t.Errorf("%s rendered on %s, which is no datastores host", path, c.host)
					}
					continue
				}
				text := readRendered(t, dir, path)
				for _, want := range wants {
					if !strings.Contains(text, want) {
						t.Errorf("%s lacks %q:\n%s", path, want, text)
					}
				}
				if strings.HasSuffix(path, ".py") {
					if out, err := exec.Command("python3", "-m", "py_compile", filepath.Join(dir, path)).CombinedOutput(); err != nil {
						t.Errorf("%s is not valid Python: %v\n%s", path, err, out)
					}
				}
			}
		})
	}
}

// TestRenderEntrypoint: render reads the overrides from a path and exits
// non-zero, writing nothing, when a template fails (as a container
// entrypoint must).
func TestRenderEntrypoint(t *testing.T) {
	bin := buildEdxplay(t, repoRoot(t))
	overrides := filepath.Join(t.TempDir(), "ansible_overrides.yml")
	if err := os.WriteFile(overrides, []byte("EDXAPP_PLATFORM_NAME: \"{{ no_such_variable }}\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir, log, err := render(t, bin, "inventory.basic.ini", "edx.example.org", "-e", "@"+overrides)
	if err == nil {
		t.Fatalf("render succeeded with an undefined variable:\n%s", log)
	}
	if !strings.Contains(log, "render the lms yml config") {
		t.Errorf("the error does not name the failing task:\n%s", log)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("render wrote %d entries after failing", len(entries))
	}
	if err := os.WriteFile(overrides, []byte("EDXAPP_PLATFORM_NAME: from the portal\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir, log, err = render(t, bin, "inventory.basic.ini", "edx.example.org", "-e", "@"+overrides)
	if err != nil {
		t.Fatalf("render: %v\n%s", err, log)
	}
	if text := readRendered(t, dir, "edx/etc/lms.yml"); !strings.Contains(text, "PLATFORM_NAME: from the portal\n") {
		t.Errorf("lms.yml does not carry the override")
	}
}

// TestDrainRendering renders the rolling deploy's drain step (run from
// the app servers' play, delegated to the balancer) with the harness's
// overrides, where LB_LISTEN_ADDRESS is "{{ ansible_host }}": the batch's
// host is down, and the balancer listens on its own address, not on the
// app server's; after the whole of edx-stateless.yml every host is back.
func TestDrainRendering(t *testing.T) {
	bin := buildEdxplay(t, repoRoot(t))
	dir := t.TempDir()
	inv, drain := filepath.Join(dir, "inventory.ini"), filepath.Join(dir, "drain.yml")
	files := map[string]string{
		inv: "[loadbalancers]\nlb ansible_host=192.0.2.10\n[stateless]\napp1 ansible_host=192.0.2.11\napp2 ansible_host=192.0.2.12\n[datastores]\ndb ansible_host=192.0.2.20\n",
		drain: "- hosts: stateless\n  gather_facts: false\n  serial: 1\n  tasks:\n    - include_role: {name: loadbalancer, tasks_from: upstreams.yml}\n" +
			"      vars: {lb_drained_hosts: \"{{ ansible_play_batch }}\"}\n      when: inventory_hostname == 'app1'\n",
	}
	for path, text := range files {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		playbook string
		want     []string
	}{
		{drain, []string{"listen 192.0.2.10:80;", "server 192.0.2.11:80 max_fails=1 fail_timeout=5s down; # app1", "server 192.0.2.12:80 max_fails=1 fail_timeout=5s; # app2"}},
		{"edx-stateless.yml", []string{"listen 192.0.2.10:80;", "server 192.0.2.11:80 max_fails=1 fail_timeout=5s; # app1", "server 192.0.2.12:80 max_fails=1 fail_timeout=5s; # app2"}},
	}
	for _, c := range cases {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := exec.CommandContext(ctx, bin, "render", "-i", inv, "--host", "app1", "--playbook", c.playbook,
			"-e", "@"+filepath.Join(repoRoot(t), "test", "edxprod", "overrides.yml"),
			"--file", "/etc/nginx/conf.d/edx-loadbalancer.conf")
		cmd.Env = append(os.Environ(), "ANSIBLE_ROLES_PATH="+filepath.Join(repoRoot(t), "roles"))
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			t.Fatalf("render %s: %v\n%s", c.playbook, err, out)
		}
		for _, want := range c.want {
			if !strings.Contains(string(out), want) {
				t.Errorf("%s: the upstreams lack %q:\n%s", c.playbook, want, out)
			}
		}
	}
}
