package modules

import (
	"context"
	"crypto/sha1" //nolint:gosec // MySQL's mysql_native_password hash is SHA1(SHA1(password))
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/odict"
)

// MySQLUser adds, changes and removes MySQL/MariaDB accounts: password,
// privileges, TLS requirements (community.mysql.mysql_user), through the
// mysql client on the target.
type MySQLUser struct{}

// Spec describes mysql_user's arguments.
func (MySQLUser) Spec() modspec.Spec {
	a := append(mysqlLoginArgs(),
		modspec.Arg{Name: "user", Type: modspec.String, Required: true, Aliases: []string{"name"}, Doc: "Name of the user (role) to add or remove."},
		modspec.Arg{Name: "password", Type: modspec.String, NoLog: true, Doc: "The user's password (or its hash with encrypted)."},
		modspec.Arg{Name: "encrypted", Type: modspec.Bool, Default: false, Doc: "password is a mysql_native_password hash (*HEX)."},
		modspec.Arg{Name: "host", Type: modspec.String, Default: "localhost", Doc: "The host part of the account."},
		modspec.Arg{Name: "host_all", Type: modspec.Bool, Default: false, Doc: "Apply to every host of an existing user."},
		modspec.Arg{Name: "state", Type: modspec.String, Default: "present", Choices: []string{"absent", "present"}, Doc: "Whether the user should exist."},
		modspec.Arg{Name: "priv", Type: modspec.Raw, Doc: "Privileges, db.table:PRIV1,PRIV2/db2.*:ALL, or a dict of db.table: privileges."},
		modspec.Arg{Name: "tls_requires", Type: modspec.Dict, Doc: "TLS requirements: SSL, X509, or CIPHER/ISSUER/SUBJECT values."},
		modspec.Arg{Name: "append_privs", Type: modspec.Bool, Default: false, Doc: "Add priv to the existing privileges instead of replacing them."},
		modspec.Arg{Name: "subtract_privs", Type: modspec.Bool, Default: false, Doc: "Revoke priv from the existing privileges."},
		modspec.Arg{Name: "update_password", Type: modspec.String, Default: "always", Choices: []string{"always", "on_create", "on_new_username"}, Doc: "When to set the password."},
		modspec.Arg{Name: "sql_log_bin", Type: modspec.Bool, Default: true, Doc: "false: the changes do not go to the binary log."},
		modspec.Arg{Name: "plugin", Type: modspec.String, Doc: "Authentication plugin."},
		modspec.Arg{Name: "plugin_hash_string", Type: modspec.String, Doc: "The plugin's authentication hash."},
		modspec.Arg{Name: "plugin_auth_string", Type: modspec.String, Doc: "The plugin's authentication string."},
		modspec.Arg{Name: "resource_limits", Type: modspec.Dict, Doc: "Not implemented by edxplay: given, the task fails."},
		modspec.Arg{Name: "force_context", Type: modspec.Bool, Default: false, Doc: "Run in the mysql database's context."},
		modspec.Arg{Name: "session_vars", Type: modspec.Dict, Doc: "Session variables set before the changes."},
		modspec.Arg{Name: "column_case_sensitive", Type: modspec.Bool, Default: false, Doc: "Accepted (later community.mysql): column names keep their case."},
	)
	return modspec.Spec{Name: "mysql_user", Short: "Adds or removes a user from a MySQL database", Args: a,
		MutuallyExclusive: [][]string{{"append_privs", "subtract_privs"}},
		Example:           "- mysql_user:\n    name: app\n    password: secret\n    priv: 'app.*:ALL'\n    state: present\n"}
}

// mysqlAccount is the account a call manages and the server's dialect.
type mysqlAccount struct {
	c          *mysqlClient
	user, host string
	oldMgmt    bool
	check      bool
}

func (u *mysqlAccount) name() string { return sqlString(u.user) + "@" + sqlString(u.host) }

// Run makes the account as described.
func (MySQLUser) exec(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	if a.has("resource_limits") && len(odict.KeysOf(a["resource_limits"])) > 0 {
		return &Result{Failed: true, Msg: "resource_limits is not implemented by edxplay"}, nil
	}
	var priv string
	if a.has("priv") {
		p, ok := mysqlPrivString(a["priv"])
		if !ok {
			return &Result{Failed: true, Msg: fmt.Sprintf("priv parameter must be str or dict but %T was passed", a["priv"])}, nil
		}
		priv = p
	}
	c, failed, err := connectMySQL(ctx, call)
	if err != nil || failed != nil {
		return failed, err
	}
	c.prefix = mysqlSessionPrefix(a)
	u := &mysqlAccount{c: c, user: a.str("user"), host: strings.ToLower(a.str("host")), check: call.Check}
	u.oldMgmt = c.versionBelow("10.2", "5.7")
	res, err := u.run(ctx, a, priv)
	if err != nil {
		return mysqlFailure("", err)
	}
	return res, nil
}

// mysqlSessionPrefix sets what every statement batch runs after.
func mysqlSessionPrefix(a args) string {
	var b strings.Builder
	if a.boolean("force_context") {
		b.WriteString("USE mysql;\n")
	}
	if !a.boolean("sql_log_bin") {
		b.WriteString("SET SQL_LOG_BIN=0;\n")
	}
	if vars, ok := odict.Plain(a["session_vars"]); ok {
		for _, k := range odict.KeysOf(a["session_vars"]) {
			fmt.Fprintf(&b, "SET SESSION %s = %s;\n", sqlIdent(k), sqlString(fmt.Sprint(vars[k])))
		}
	}
	return b.String()
}

func (u *mysqlAccount) run(ctx context.Context, a args, priv string) (*Result, error) {
	var newPriv *mysqlPrivs
	if a.has("priv") {
		rows, err := u.c.query(ctx, "SELECT @@GLOBAL.sql_mode")
		if err != nil {
			return nil, err
		}
		ansi := len(rows) > 0 && strings.Contains(rows[0][0], "ANSI")
		if newPriv, err = unpackMySQLPrivs(priv, ansi, !a.boolean("subtract_privs")); err != nil {
			return nil, fmt.Errorf("%w: %s", errMySQL, err.Error())
		}
	}
	hosts, err := u.hosts(ctx, a.boolean("host_all"))
	if err != nil {
		return nil, err
	}
	out := &Result{Data: map[string]any{"user": u.user, "password_changed": false}}
	switch {
	case a.str("state") == "absent" && len(hosts) == 0:
		out.Msg = "User doesn't exist"
	case a.str("state") == "absent":
		out.Changed, out.Msg = true, "User deleted"
		if !u.check {
			for _, h := range hosts {
				if _, err := u.c.query(ctx, fmt.Sprintf("DROP USER IF EXISTS %s@%s", sqlString(u.user), sqlString(h))); err != nil {
					return nil, err
				}
			}
		}
	case len(hosts) > 0:
		return u.modify(ctx, a, hosts, newPriv, out)
	case a.boolean("host_all"):
		return &Result{Failed: true, Msg: "host_all parameter cannot be used when adding a user"}, nil
	default:
		if a.boolean("subtract_privs") {
			newPriv = nil
		}
		return u.add(ctx, a, newPriv, out)
	}
	if out.Changed {
		out.Diffs = []modspec.Diff{{Before: "user " + u.user + "@" + u.host + ": present\n", After: "user " + u.user + "@" + u.host + ": absent\n"}}
	}
	out.Data["msg"] = out.Msg
	return out, nil
}

// hosts are the account's hosts that exist: the given one, or with
// host_all every host of the user.
func (u *mysqlAccount) hosts(ctx context.Context, all bool) ([]string, error) {
	q := fmt.Sprintf("SELECT Host FROM mysql.user WHERE user = %s AND host = %s", sqlString(u.user), sqlString(u.host))
	if all {
		q = "SELECT Host FROM mysql.user WHERE user = " + sqlString(u.user)
	}
	rows, err := u.c.query(ctx, q)
	if err != nil {
		return nil, err
	}
	var hosts []string
	for _, r := range rows {
		hosts = append(hosts, r[0])
	}
	return hosts, nil
}

// nativeHash is mysql_native_password's hash of a password.
func nativeHash(password string) string {
	first := sha1.Sum([]byte(password)) //nolint:gosec // the server's own hash
	second := sha1.Sum(first[:])        //nolint:gosec
	return "*" + strings.ToUpper(hex.EncodeToString(second[:]))
}

// isNativeHash reports whether s looks like *SHA1(SHA1(password)).
func isNativeHash(s string) bool {
	if len(s) != 41 || s[0] != '*' {
		return false
	}
	_, err := hex.DecodeString(s[1:])
	return err == nil
}

// versionBelow compares the server's version with MariaDB's or MySQL's
// threshold (as LooseVersion compares dotted numbers).
func (c *mysqlClient) versionBelow(maria, mysql string) bool {
	want := mysql
	if c.mariadb {
		want = maria
	}
	return serverVersionCompare(c.version, want) < 0
}

// serverVersionCompare compares the leading dotted numbers of the
// server's VERSION() ("10.11.6-MariaDB-0+deb12u1") with want, as
// LooseVersion compares them.
func serverVersionCompare(version, want string) int {
	if i := strings.IndexFunc(version, func(r rune) bool { return r != '.' && (r < '0' || r > '9') }); i >= 0 {
		version = version[:i]
	}
	return compareVersions(version, want)
}

// Run describes the change and, out of check mode, applies it.
func (m MySQLUser) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe runs the module in check mode (it only reads the server then)
// and plans a real run when that reports a change.
func (m MySQLUser) Describe(ctx context.Context, call *Call) (*Planned, error) {
	return describeByCheckRun(ctx, call, m.exec)
}
