// Package communityroles converges geerlingguy's nginx, mysql, redis and
// memcached roles (extracted at test time from bare git mirrors) on chroot
// test hosts with edxplay, twice, and compares the files each role manages
// with the files ansible-playbook's run produced (golden files recorded
// once with -record=ansible).
package communityroles

import (
	"fmt"
	"strings"
)

// Role is one upstream role under test: its name, the files it manages and
// the variables that keep its services on the test host's own address.
type Role struct {
	// Name is the role's short name ("nginx"); the repository is
	// geerlingguy/ansible-role-NAME and the role is geerlingguy.NAME.
	Name string
	// Files are the paths the role templates, copies or creates (or
	// removes), compared with Ansible's run.
	Files []string
	// HostVars are extra vars (JSON) for the host at addr: the role's
	// services listen there, not on 127.0.0.1 or every address, since
	// chroot hosts share the machine's network with other tests.
	HostVars func(addr string) string
	// Probe is a command run on the host after the runs (EDX_ADDR is the
	// host's address), and Want a string its output must contain: the
	// service answers.
	Probe, Want string
}

// Roles are the four roles, in the order they run.
var Roles = []Role{
	{
		Name: "nginx",
		Files: []string{"/etc/nginx/nginx.conf", "/etc/nginx/sites-enabled", "/etc/nginx/sites-enabled/test.dev.conf",
			"/etc/nginx/sites-enabled/default", "/etc/nginx/sites-enabled/vhosts.conf"},
		// the converge playbook's vhost, listening on the host's address
		HostVars: func(addr string) string {
			return fmt.Sprintf(`{"nginx_listen_ipv6": false, "nginx_vhosts": [{"server_name": "test.dev", "root": "/var/www/test", "listen": "%s:80"}]}`, addr)
		},
		Probe: "nginx -t 2>&1", Want: "test is successful",
	},
	{
		Name:     "mysql",
		Files:    []string{"/etc/mysql/my.cnf", "/root/.my.cnf", "/var/lib/mysql", "/var/log/mysql"},
		HostVars: func(addr string) string { return fmt.Sprintf(`{"mysql_bind_address": %q}`, addr) },
		Probe:    "mysql -NBe 'SHOW DATABASES' 2>&1", Want: "information_schema",
	},
	{
		Name:     "redis",
		Files:    []string{"/etc/redis", "/etc/redis/redis.conf"},
		HostVars: func(addr string) string { return fmt.Sprintf(`{"redis_bind_interface": %q}`, addr) },
		Probe:    "redis-cli -h \"$EDX_ADDR\" ping 2>&1", Want: "PONG",
	},
	{
		Name:     "memcached",
		Files:    []string{"/etc/memcached.conf"},
		HostVars: func(addr string) string { return fmt.Sprintf(`{"memcached_listen_ip": %q}`, addr) },
		// hosts share the machine's PID namespace: this host's daemon is
		// the one listening on its address
		Probe: `ps -eo args | grep -F -- "-l $EDX_ADDR"`, Want: "/usr/bin/memcached",
	},
}

// repoDir is the mirror of a role's repository below the sources directory.
func (r Role) repoDir() string { return "geerlingguy+ansible-role-" + r.Name + "/repo" }

// roleName is the name the converge playbook uses.
func (r Role) roleName() string { return "geerlingguy." + r.Name }

// normalize replaces what differs between test hosts and machines (the
// host's address, the number of CPUs nginx's default worker count comes
// from) with placeholders, so files from different runs compare equal.
func normalize(content, addr string, cpus int) string {
	content = strings.ReplaceAll(content, addr, "@HOST_ADDR@")
	return strings.ReplaceAll(content, fmt.Sprintf("worker_processes  \"%d\";", cpus), "worker_processes  \"@CPUS@\";")
}
