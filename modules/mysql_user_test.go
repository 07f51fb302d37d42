package modules_test

import (
	"fmt"
	"strings"
	"testing"
)

// startMariaDB installs mariadb-server on a chroot test host and starts it
// without networking (hosts share the machine's ports), with a binary log:
// the modules reach it through its Unix socket as root (unix_socket
// authentication).
func startMariaDB(t *testing.T) chrootHost {
	t.Helper()
	conn := newChrootConn(t)
	conn.sh(t, "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mariadb-server mariadb-client >/dev/null")
	conn.sh(t, "printf '[mysqld]\\nskip-networking\\nserver_id = 1\\nlog_bin = mysql-bin\\n' > /etc/mysql/mariadb.conf.d/99-edxplay-test.cnf && service mariadb start >/dev/null")
	return conn
}

// TestMySQL runs mysql_db and mysql_user on one MariaDB host: each change
// applied twice (the second run changes nothing), checked against what
// the server reports.
func TestMySQL(t *testing.T) {
	conn := startMariaDB(t)
	q := func(t *testing.T, sql string) string { return conn.sh(t, "mysql -NBe \""+sql+"\"") }
	t.Run("mysql_db", func(t *testing.T) {
		dbs := func() string {
			return q(t, "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'edx%' ORDER BY 1")
		}
		first := assertConverges(t, conn, "mysql_db", map[string]any{"name": []any{"edxone", "edxtwo"}, "encoding": "utf8mb4", "collation": "utf8mb4_bin"}, dbs)
		if got := dbs(); got != "edxone\tutf8mb4\tutf8mb4_bin\nedxtwo\tutf8mb4\tutf8mb4_bin\n" {
			t.Fatalf("databases: %q", got)
		}
		if first.Data["db"] != "edxone edxtwo" || len(first.Data["executed_commands"].([]any)) != 2 {
			t.Errorf("result data: %v", first.Data)
		}
		assertConverges(t, conn, "mysql_db", map[string]any{"name": []any{"edxtwo"}, "state": "absent"}, dbs)
		if got := dbs(); got != "edxone\tutf8mb4\tutf8mb4_bin\n" {
			t.Fatalf("after absent: %q", got)
		}
		if res := applyModule(t, conn, "mysql_db", map[string]any{"name": []any{"all"}}, false); !res.Failed {
			t.Errorf("name all with state present: %+v", res)
		}
		bad := applyModule(t, conn, "mysql_db", map[string]any{"name": []any{"edxone"}, "login_user": "nosuch", "login_password": "wrong-secret", "login_unix_socket": "/run/mysqld/mysqld.sock"}, false)
		if !bad.Failed || !strings.Contains(bad.Msg, "unable to connect to database") || strings.Contains(bad.Msg, "wrong-secret") {
			t.Errorf("bad login: %+v", bad)
		}
	})
	t.Run("mysql_db dump and import", func(t *testing.T) {
		conn.sh(t, "mysql -e \"CREATE TABLE edxone.t (id INT PRIMARY KEY); INSERT INTO edxone.t VALUES (7)\"")
		if res := applyModule(t, conn, "mysql_db", map[string]any{"name": []any{"edxone"}, "state": "dump", "target": "/tmp/edxone.sql.gz"}, false); !res.Changed || res.Failed {
			t.Fatalf("dump: %+v", res)
		}
		conn.sh(t, "mysql -e 'DROP DATABASE edxone'")
		if res := applyModule(t, conn, "mysql_db", map[string]any{"name": []any{"edxone"}, "state": "import", "target": "/tmp/edxone.sql.gz"}, false); !res.Changed || res.Failed {
			t.Fatalf("import: %+v", res)
		}
		if got := q(t, "SELECT id FROM edxone.t"); got != "7\n" {
			t.Fatalf("after import: %q", got)
		}
	})
	t.Run("mysql_user", func(t *testing.T) { testMySQLUser(t, conn) })
	t.Run("mysql_replication", func(t *testing.T) { testMySQLReplication(t, conn) })
}

func testMySQLUser(t *testing.T, conn chrootHost) {
	user := func() string {
		return conn.sh(t, "mysql -NBe \"SELECT Host, authentication_string FROM mysql.user WHERE User = 'edxapp' ORDER BY 1\"; mysql -NBe \"SHOW GRANTS FOR 'edxapp'@'localhost'\" 2>/dev/null || true")
	}
	base := map[string]any{"user": "edxapp", "password": "s3cret", "priv": "edxone.*:SELECT,INSERT/edxtwo.*:ALL"}
	first := assertConverges(t, conn, "mysql_user", base, user)
	got := user()
	for _, want := range []string{"localhost\t*", "GRANT SELECT, INSERT ON `edxone`.* TO `edxapp`@`localhost`", "GRANT ALL PRIVILEGES ON `edxtwo`.* TO `edxapp`@`localhost`"} {
		if !strings.Contains(got, want) {
			t.Errorf("after add: %q lacks %q", got, want)
		}
	}
	if first.Msg != "User added" || first.Data["password_changed"] != true {
		t.Errorf("add result: %q %v", first.Msg, first.Data)
	}
	login := func(pw string) bool {
		res := applyModule(t, conn, "mysql_db", map[string]any{"name": []any{"edxone"}, "login_user": "edxapp", "login_password": pw, "config_file": ""}, false)
		return !res.Failed
	}
	if !login("s3cret") || login("other") {
		t.Fatal("the password does not log in, or another does")
	}
	tests := []struct {
		name string
		args map[string]any
		want []string
	}{
		{"password", map[string]any{"user": "edxapp", "password": "n3w-secret"}, []string{"localhost\t*"}},
		{"replace privileges", map[string]any{"user": "edxapp", "priv": map[string]any{"edxone.*": "SELECT,UPDATE,GRANT"}}, []string{"GRANT SELECT, UPDATE ON `edxone`.* TO `edxapp`@`localhost` WITH GRANT OPTION"}},
		{"append privileges", map[string]any{"user": "edxapp", "priv": "edxone.*:DELETE", "append_privs": true}, []string{"DELETE"}},
		{"subtract privileges", map[string]any{"user": "edxapp", "priv": "edxone.*:UPDATE", "subtract_privs": true}, []string{"GRANT SELECT, DELETE ON"}},
		{"tls", map[string]any{"user": "edxapp", "tls_requires": map[string]any{"ssl": nil}}, []string{"REQUIRE SSL"}},
		{"tls none", map[string]any{"user": "edxapp", "tls_requires": map[string]any{}}, []string{"localhost"}},
		{"second host", map[string]any{"user": "edxapp", "host": "10.0.0.%", "password": "n3w-secret"}, []string{"10.0.0.%\t*"}},
		{"absent everywhere", map[string]any{"user": "edxapp", "host_all": true, "state": "absent"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assertConverges(t, conn, "mysql_user", tc.args, user)
			got := user()
			for _, want := range tc.want {
				if !strings.Contains(got, want) {
					t.Errorf("%q lacks %q", got, want)
				}
			}
			if tc.want == nil && strings.TrimSpace(got) != "" {
				t.Errorf("the user is still there: %q", got)
			}
		})
	}
	if login("n3w-secret") {
		t.Error("the removed user still logs in")
	}
	if res := applyModule(t, conn, "mysql_user", map[string]any{"user": "nosuch", "state": "absent"}, false); res.Changed || res.Msg != "User doesn't exist" {
		t.Errorf("absent user: %+v", res)
	}
	if res := applyModule(t, conn, "mysql_user", map[string]any{"user": "edxapp", "priv": "edxone.*:NOSUCHPRIV"}, false); !res.Failed {
		t.Errorf("bad privilege: %+v", res)
	}
}

// testMySQLReplication reads the primary's status, points the server at a
// primary (that does not answer), starts and stops the replica and resets
// it. Reading twice changes nothing; CHANGE MASTER and START/STOP always
// report a change, as community.mysql's do.
func testMySQLReplication(t *testing.T, conn chrootHost) {
	for i := 0; i < 2; i++ {
		res := applyModule(t, conn, "mysql_replication", map[string]any{"mode": "getprimary"}, false)
		if res.Changed || res.Failed || res.Data["Is_Primary"] != true || !strings.HasPrefix(res.Data["File"].(string), "mysql-bin.") {
			t.Fatalf("getprimary: %+v", res)
		}
		if _, ok := res.Data["Position"].(int); !ok {
			t.Errorf("Position is not an int: %#v", res.Data["Position"])
		}
		res = applyModule(t, conn, "mysql_replication", map[string]any{"mode": "getreplica"}, false)
		if res.Changed || res.Failed || res.Data["Is_Replica"] != false {
			t.Fatalf("getreplica before CHANGE MASTER: %+v", res)
		}
	}
	if res := applyModule(t, conn, "mysql_replication", map[string]any{"mode": "getreplica"}, true); !res.Skipped {
		t.Errorf("check mode: %+v", res)
	}
	change := map[string]any{"mode": "changeprimary", "primary_host": "192.0.2.1", "primary_port": 3307, "primary_user": "repl",
		"primary_password": "repl-secret", "primary_connect_retry": 60}
	res := applyModule(t, conn, "mysql_replication", change, false)
	if !res.Changed || res.Failed || strings.Contains(fmt.Sprint(res.Data), "repl-secret") {
		t.Fatalf("changeprimary: %+v", res)
	}
	res = applyModule(t, conn, "mysql_replication", map[string]any{"mode": "getreplica"}, false)
	if res.Data["Is_Replica"] != true || res.Data["Master_Host"] != "192.0.2.1" || res.Data["Master_Port"] != 3307 {
		t.Fatalf("getreplica after CHANGE MASTER: %+v", res.Data)
	}
	for _, mode := range []string{"startreplica", "stopreplica", "resetreplicaall"} {
		if res := applyModule(t, conn, "mysql_replication", map[string]any{"mode": mode}, false); !res.Changed || res.Failed {
			t.Fatalf("%s: %+v", mode, res)
		}
	}
	if res := applyModule(t, conn, "mysql_replication", map[string]any{"mode": "getreplica"}, false); res.Data["Is_Replica"] != false {
		t.Fatalf("getreplica after RESET ALL: %+v", res.Data)
	}
}
