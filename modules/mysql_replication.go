package modules

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
)

// MySQLReplication reads and changes MySQL/MariaDB replication: primary
// and replica status, CHANGE MASTER, start/stop/reset
// (community.mysql.mysql_replication), through the mysql client.
type MySQLReplication struct{}

// mysqlReplicationModes are the modes, with the older names Ansible still
// documents as aliases of the choices' values.
var mysqlReplicationModes = []string{"getprimary", "getreplica", "changeprimary", "stopreplica", "startreplica",
	"resetprimary", "resetreplica", "resetreplicaall"}

// Spec describes mysql_replication's arguments.
func (MySQLReplication) Spec() modspec.Spec {
	str := func(name, alias, doc string) modspec.Arg {
		a := modspec.Arg{Name: name, Type: modspec.String, Doc: doc}
		if alias != "" {
			a.Aliases = []string{alias}
		}
		return a
	}
	integer := func(name, alias, doc string) modspec.Arg {
		a := str(name, alias, doc)
		a.Type = modspec.Int
		return a
	}
	password := str("primary_password", "master_password", "Password of the replication user.")
	password.NoLog = true
	a := append(mysqlLoginArgs(),
		modspec.Arg{Name: "mode", Type: modspec.String, Default: "getreplica", Choices: mysqlReplicationModes, Doc: "What to read or do."},
		modspec.Arg{Name: "primary_auto_position", Type: modspec.Bool, Default: false, Aliases: []string{"master_auto_position"}, Doc: "MASTER_AUTO_POSITION=1 (GTID)."},
		str("primary_host", "master_host", "The primary's host."),
		str("primary_user", "master_user", "The replication user."),
		password,
		integer("primary_port", "master_port", "The primary's port."),
		integer("primary_connect_retry", "master_connect_retry", "Seconds between connection retries."),
		str("primary_log_file", "master_log_file", "The primary's binary log to start from."),
		integer("primary_log_pos", "master_log_pos", "The position in it."),
		str("relay_log_file", "", "The relay log to start from."),
		integer("relay_log_pos", "", "The position in it."),
		modspec.Arg{Name: "primary_ssl", Type: modspec.Bool, Aliases: []string{"master_ssl"}, Doc: "Connect to the primary with TLS."},
		str("primary_ssl_ca", "master_ssl_ca", "TLS CA file."),
		str("primary_ssl_capath", "master_ssl_capath", "TLS CA directory."),
		str("primary_ssl_cert", "master_ssl_cert", "TLS client certificate."),
		str("primary_ssl_key", "master_ssl_key", "TLS client key."),
		str("primary_ssl_cipher", "master_ssl_cipher", "TLS ciphers."),
		modspec.Arg{Name: "primary_ssl_verify_server_cert", Type: modspec.Bool, Default: false, Doc: "Verify the primary's certificate."},
		modspec.Arg{Name: "primary_use_gtid", Type: modspec.String, Choices: []string{"current_pos", "replica_pos", "disabled"}, Aliases: []string{"master_use_gtid"}, Doc: "MariaDB MASTER_USE_GTID."},
		integer("primary_delay", "master_delay", "Seconds the replica lags behind."),
		str("connection_name", "", "MariaDB multi-source connection name."),
		str("channel", "", "MySQL replication channel."),
		modspec.Arg{Name: "fail_on_error", Type: modspec.Bool, Default: false, Doc: "Fail when a start/stop/reset statement fails."},
	)
	return modspec.Spec{Name: "mysql_replication", Short: "Manage MySQL or MariaDB replication", Args: a,
		MutuallyExclusive: [][]string{{"connection_name", "channel"}},
		Example:           "- mysql_replication:\n    mode: changeprimary\n    primary_host: db1\n    primary_user: repl\n    primary_password: secret\n"}
}

// Run reads or changes the replication state (no check mode, as in Ansible).
func (MySQLReplication) exec(ctx context.Context, call *Call) (*Result, error) {
	if call.Check {
		return &Result{Skipped: true, Msg: "remote module (mysql_replication) does not support check mode"}, nil
	}
	a := args(call.Args)
	c, failed, err := connectMySQL(ctx, call)
	if err != nil || failed != nil {
		return failed, err
	}
	term := "SLAVE"
	if serverVersionCompare(c.version, map[bool]string{true: "10.5.1", false: "8.0.22"}[c.mariadb]) >= 0 {
		term = "REPLICA"
	}
	r := &mysqlRepl{c: c, a: a, term: term}
	switch mode := a.str("mode"); mode {
	case "getprimary":
		return r.status(ctx, "SHOW MASTER STATUS", "Is_Primary", "Server is not configured as mysql primary")
	case "getreplica":
		return r.status(ctx, "SHOW "+term+r.connection()+" STATUS"+r.channel(), "Is_Replica", "Server is not configured as mysql replica")
	case "changeprimary":
		return r.changePrimary(ctx)
	default:
		return r.control(ctx, mode)
	}
}

// mysqlRepl is one mysql_replication call.
type mysqlRepl struct {
	c    *mysqlClient
	a    args
	term string
}

func (r *mysqlRepl) connection() string {
	if n := r.a.str("connection_name"); n != "" {
		return " " + sqlString(n)
	}
	return ""
}

func (r *mysqlRepl) channel() string {
	if ch := r.a.str("channel"); ch != "" {
		return " FOR CHANNEL " + sqlString(ch)
	}
	return ""
}

// status returns the first row of a SHOW ... STATUS as the result's keys.
func (r *mysqlRepl) status(ctx context.Context, q, flag, none string) (*Result, error) {
	rows, err := r.c.queryHeader(ctx, q)
	if err != nil {
		return mysqlFailure("", err)
	}
	data := map[string]any{"queries": []any{}}
	if len(rows) < 2 {
		data[flag], data["msg"] = false, none
		return &Result{Msg: none, Data: data}, nil
	}
	for i, col := range rows[0] {
		if i < len(rows[1]) {
			data[col] = mysqlValue(rows[1][i])
		}
	}
	data[flag] = true
	return &Result{Data: data}, nil
}

// mysqlValue reads a batch-mode value as the Python driver returns it:
// NULL as None, whole numbers as ints, the rest as strings.
func mysqlValue(s string) any {
	if s == "NULL" {
		return nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && s != "" && (s == "0" || s[0] != '0') {
		return int(n)
	}
	return s
}

// changePrimary runs CHANGE MASTER TO with the given settings.
func (r *mysqlRepl) changePrimary(ctx context.Context) (*Result, error) {
	var set, shown []string
	add := func(clause, masked string) {
		set, shown = append(set, clause), append(shown, masked)
	}
	for _, s := range [][2]string{{"primary_host", "MASTER_HOST"}, {"primary_user", "MASTER_USER"}, {"primary_password", "MASTER_PASSWORD"}} {
		if r.a.has(s[0]) {
			clause := s[1] + "=" + sqlString(r.a.str(s[0]))
			masked := clause
			if s[0] == "primary_password" {
				masked = s[1] + "='********'"
			}
			add(clause, masked)
		}
	}
	for _, s := range [][3]string{{"primary_port", "MASTER_PORT", "n"}, {"primary_connect_retry", "MASTER_CONNECT_RETRY", "n"},
		{"primary_log_file", "MASTER_LOG_FILE", "s"}, {"primary_log_pos", "MASTER_LOG_POS", "n"}, {"primary_delay", "MASTER_DELAY", "n"},
		{"relay_log_file", "RELAY_LOG_FILE", "s"}, {"relay_log_pos", "RELAY_LOG_POS", "n"}} {
		if !r.a.has(s[0]) {
			continue
		}
		v := strconv.Itoa(r.a.integer(s[0]))
		if s[2] == "s" {
			v = sqlString(r.a.str(s[0]))
		}
		add(s[1]+"="+v, s[1]+"="+v)
	}
	if r.a.has("primary_ssl") {
		v := map[bool]string{true: "MASTER_SSL=1", false: "MASTER_SSL=0"}[r.a.boolean("primary_ssl")]
		add(v, v)
	}
	for _, s := range [][2]string{{"primary_ssl_ca", "MASTER_SSL_CA"}, {"primary_ssl_capath", "MASTER_SSL_CAPATH"},
		{"primary_ssl_cert", "MASTER_SSL_CERT"}, {"primary_ssl_key", "MASTER_SSL_KEY"}, {"primary_ssl_cipher", "MASTER_SSL_CIPHER"}} {
		if r.a.has(s[0]) {
			add(s[1]+"="+sqlString(r.a.str(s[0])), s[1]+"="+sqlString(r.a.str(s[0])))
		}
	}
	if r.a.boolean("primary_ssl_verify_server_cert") {
		add("SOURCE_SSL_VERIFY_SERVER_CERT=1", "SOURCE_SSL_VERIFY_SERVER_CERT=1")
	}
	if r.a.boolean("primary_auto_position") {
		add("MASTER_AUTO_POSITION=1", "MASTER_AUTO_POSITION=1")
	}
	if g := r.a.str("primary_use_gtid"); g != "" {
		switch {
		case g == "disabled":
			g = "no"
		case g == "replica_pos" && r.term == "SLAVE":
			g = "slave_pos"
		}
		add("MASTER_USE_GTID="+g, "MASTER_USE_GTID="+g)
	}
	q := "CHANGE MASTER" + r.connection() + " TO " + strings.Join(set, ",") + r.channel()
	shownQ := "CHANGE MASTER" + r.connection() + " TO " + strings.Join(shown, ",") + r.channel()
	if _, err := r.c.query(ctx, q); err != nil {
		return mysqlFailure("", fmt.Errorf("%w. Query == %s", err, shownQ))
	}
	return &Result{Changed: true, Data: map[string]any{"queries": []any{shownQ}}}, nil
}

// control runs START/STOP/RESET; a failing statement is no change unless
// fail_on_error.
func (r *mysqlRepl) control(ctx context.Context, mode string) (*Result, error) {
	var q, done, failed, what string
	switch mode {
	case "startreplica":
		q, done, failed, what = "START "+r.term+r.connection()+r.channel(), "Replica started ", "Replica already started (Or cannot be started)", "START REPLICA"
	case "stopreplica":
		q, done, failed, what = "STOP "+r.term+r.connection()+r.channel(), "Replica stopped", "Replica already stopped", "STOP REPLICA"
	case "resetprimary":
		q, done, failed, what = "RESET MASTER", "Primary reset", "Primary already reset", "RESET MASTER"
	case "resetreplica":
		q, done, failed, what = "RESET "+r.term+r.connection()+r.channel(), "Replica reset", "Replica already reset", "RESET REPLICA"
	default: // resetreplicaall
		q, done, failed, what = "RESET "+r.term+r.connection()+" ALL"+r.channel(), "Replica reset", "Replica already reset", "RESET REPLICA ALL"
	}
	data := map[string]any{"queries": []any{q}}
	if _, err := r.c.query(ctx, q); err != nil {
		if r.a.boolean("fail_on_error") {
			return mysqlFailure(what+" failed: ", err)
		}
		data["msg"] = failed
		return &Result{Msg: failed, Data: data}, nil
	}
	data["msg"] = done
	return &Result{Changed: true, Msg: done, Data: data}, nil
}

// Run describes the change and, out of check mode, applies it.
func (m MySQLReplication) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe runs the module in check mode (it only reads the server then)
// and plans a real run when that reports a change.
func (m MySQLReplication) Describe(ctx context.Context, call *Call) (*Planned, error) {
	return describeByCheckRun(ctx, call, m.exec)
}
