package jinja

import (
	"fmt"
	"testing"
)

// benchTasks are the task arguments of bench/workload/site.yml.
var benchTasks = []map[string]any{
	{"path": "{{ bench_root }}", "state": "directory", "mode": "0755"},
	{"path": "{{ bench_root }}/etc", "state": "directory", "mode": "0755"},
	{"path": "{{ bench_root }}/var/log", "state": "directory", "mode": "0750"},
	{"path": "{{ bench_root }}/var/lib/app", "state": "directory", "mode": "0755"},
	{"path": "{{ bench_root }}/bin", "state": "directory", "mode": "0755"},
	{"dest": "{{ bench_root }}/etc/motd.txt", "content": "welcome to edxbench\n", "mode": "0644"},
	{"src": "files/app.sh", "dest": "{{ bench_root }}/bin/app.sh", "mode": "0755"},
	{"src": "templates/app.conf.j2", "dest": "{{ bench_root }}/etc/app.conf", "mode": "0644"},
	{"src": "templates/app.env.j2", "dest": "{{ bench_root }}/etc/app.env", "mode": "0600"},
	{"path": "{{ bench_root }}/etc/settings.ini", "line": "log_level = info", "create": true, "mode": "0644"},
	{"path": "{{ bench_root }}/etc/settings.ini", "regexp": "^max_conn", "line": "max_conn = 100"},
	{"path": "{{ bench_root }}/etc/hosts.extra", "create": true, "mode": "0644", "block": "10.0.0.1 db.internal\n10.0.0.2 cache.internal\n"},
	{"cmd": "touch {{ bench_root }}/var/lib/app/initialized", "creates": "{{ bench_root }}/var/lib/app/initialized"},
	{"cmd": "tar -czf {{ bench_root }}/var/lib/app/etc-backup.tgz -C {{ bench_root }} etc", "creates": "{{ bench_root }}/var/lib/app/etc-backup.tgz"},
	{"cmd": "echo {{ app_name }}-$(id -u) > {{ bench_root }}/var/lib/app/owner", "creates": "{{ bench_root }}/var/lib/app/owner"},
	{"path": "{{ bench_root }}/etc/app.conf"},
	{"path": "{{ bench_root }}/var/lib/app/initialized", "state": "file", "mode": "0600"},
	{"src": "{{ bench_root }}/bin", "dest": "{{ bench_root }}/current", "state": "link"},
	{"cmd": "grep -c max_conn {{ bench_root }}/etc/app.conf"},
	{"dest": "{{ bench_root }}/VERSION", "content": "1.0.{{ app_workers }}\n", "mode": "0644"},
}

// benchScopes are n host scopes with the workload's play and host vars.
func benchScopes(e *Engine, n int) []*Scope {
	scopes := make([]*Scope, n)
	for i := range scopes {
		scopes[i] = e.NewScope(map[string]any{
			"app_name": "edxbench", "app_listen": "0.0.0.0", "app_port": 8080, "app_workers": 4,
			"inventory_hostname": fmt.Sprintf("h%d", i), "bench_root": fmt.Sprintf("/srv/edxbench/h%d", i),
			"conf_stat": map[string]any{"stat": map[string]any{"exists": true}},
		})
	}
	return scopes
}

// BenchmarkWorkloadArgs templates the benchmark workload's task arguments
// and its one conditional for 1,000 hosts (one op is all hosts).
func BenchmarkWorkloadArgs(b *testing.B) {
	e := New(Options{})
	scopes := benchScopes(e, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range scopes {
			for _, args := range benchTasks {
				if _, err := e.Template(args, s); err != nil {
					b.Fatal(err)
				}
			}
			if ok, err := e.EvalBool("conf_stat.stat.exists", s); err != nil || !ok {
				b.Fatal(ok, err)
			}
		}
	}
}
