package modules

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// mysqlLoginArgs are the connection arguments every community.mysql
// module takes (its doc fragment community.mysql.mysql).
func mysqlLoginArgs() []modspec.Arg {
	return []modspec.Arg{
		{Name: "login_user", Type: modspec.String, Doc: "The user to connect as (default: the config file's, else the login user's name)."},
		{Name: "login_password", Type: modspec.String, NoLog: true, Doc: "The password to connect with."},
		{Name: "login_host", Type: modspec.String, Default: "localhost", Doc: "Host running the database; localhost means the Unix socket."},
		{Name: "login_port", Type: modspec.Int, Default: 3306, Doc: "Port of the MySQL server (with a login_host other than localhost)."},
		{Name: "login_unix_socket", Type: modspec.String, Doc: "The Unix socket to connect through."},
		{Name: "config_file", Type: modspec.Path, Default: "~/.my.cnf", Doc: "Option file read for credentials when it exists on the target."},
		{Name: "connect_timeout", Type: modspec.Int, Default: 30, Doc: "Connection timeout in seconds."},
		{Name: "client_cert", Type: modspec.Path, Aliases: []string{"ssl_cert"}, Doc: "Client certificate for TLS."},
		{Name: "client_key", Type: modspec.Path, Aliases: []string{"ssl_key"}, Doc: "Client key for TLS."},
		{Name: "ca_cert", Type: modspec.Path, Aliases: []string{"ssl_ca"}, Doc: "CA certificate to verify the server's with."},
		{Name: "check_hostname", Type: modspec.Bool, Doc: "Verify the server's certificate names the host."},
		{Name: "check_implicit_admin", Type: modspec.Bool, Default: false, Doc: "Try root with an empty password before the given credentials."},
	}
}

// mysqlClient runs SQL on the target with the mysql command-line client:
// credentials go in an option file on a here-document (never on a command
// line), statements on standard input, rows come back tab-separated.
type mysqlClient struct {
	call *Call
	// options is the option file: the config file's text, then a [client]
	// group with the module's connection arguments, which win.
	options string
	// configFile is the config file's path when it exists on the target.
	configFile string
	// mariadb is true when the server is MariaDB; version its VERSION().
	mariadb bool
	version string
	// prefix runs before every batch (session settings: USE, SET).
	prefix string
}

// errMySQL is an error the server or client reported (a task failure, not
// a connection fault).
var errMySQL = errors.New("mysql")

// connectMySQL reads the config file and checks that the credentials log
// in (trying root without a password first under check_implicit_admin).
// A failure to log in is returned as a failed Result, as Ansible reports it.
func connectMySQL(ctx context.Context, call *Call) (*mysqlClient, *Result, error) {
	a := args(call.Args)
	config, path, err := readMySQLConfig(ctx, call, a.str("config_file"))
	if err != nil {
		return nil, nil, err
	}
	c := &mysqlClient{call: call, configFile: path}
	if a.boolean("check_implicit_admin") {
		c.options = config + mysqlClientGroup(a, "root", "", true)
		if err := c.probeVersion(ctx); err == nil {
			return c, nil, nil
		}
	}
	c.options = config + mysqlClientGroup(a, a.str("login_user"), a.str("login_password"), a.has("login_password"))
	if err := c.probeVersion(ctx); err != nil {
		if !errors.Is(err, errMySQL) {
			return nil, nil, err
		}
		return nil, &Result{Failed: true, Msg: fmt.Sprintf("unable to connect to database, check login_user and login_password are correct or %s has the credentials. Exception message: %s",
			a.str("config_file"), strings.TrimPrefix(err.Error(), "mysql: "))}, nil
	}
	return c, nil, nil
}

// probeVersion logs in and reads the server's version.
func (c *mysqlClient) probeVersion(ctx context.Context) error {
	rows, err := c.query(ctx, "SELECT VERSION()")
	if err != nil {
		return err
	}
	if len(rows) != 1 || len(rows[0]) != 1 {
		return fmt.Errorf("%w: unexpected answer to SELECT VERSION(): %v", errMySQL, rows)
	}
	c.version = rows[0][0]
	c.mariadb = strings.Contains(strings.ToLower(c.version), "mariadb")
	return nil
}

// readMySQLConfig reads the option file when it exists on the target (as
// the become user: "~" is that user's home); its text ends in a newline.
func readMySQLConfig(ctx context.Context, call *Call, path string) (string, string, error) {
	if path == "" {
		return "", "", nil
	}
	p := shellPath(path)
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: fmt.Sprintf("[ -e %[1]s ] || exit 3; echo %[1]s; cat %[1]s", p),
		Become: call.Become, ReadOnly: true})
	if err != nil {
		return "", "", fmt.Errorf("mysql: read %s: %w", path, err)
	}
	if res.RC == 3 {
		return "", "", nil
	}
	if res.RC != 0 {
		return "", "", fmt.Errorf("mysql: read %s: %s", path, strings.TrimSpace(res.Stderr))
	}
	resolved, text, _ := strings.Cut(res.Stdout, "\n")
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return text, resolved, nil
}

var homePrefix = regexp.MustCompile(`^~[a-z0-9_.-]*$`)

// shellPath quotes a path for sh, leaving a leading ~ or ~user to the shell.
func shellPath(p string) string {
	head, rest, found := strings.Cut(p, "/")
	if homePrefix.MatchString(head) {
		if !found {
			return head
		}
		return head + "/" + hostfile.Quote(rest)
	}
	return hostfile.Quote(p)
}

// mysqlClientGroup is the [client] group holding the connection arguments;
// a login_host other than a socket always overrides the config file's, as
// community.mysql passes its default.
func mysqlClientGroup(a args, user, password string, withPassword bool) string {
	var b strings.Builder
	b.WriteString("\n[client]\n")
	opt := func(name, value string) { fmt.Fprintf(&b, "%s=%s\n", name, mysqlOptionValue(value)) }
	if user != "" {
		opt("user", user)
	}
	if withPassword {
		opt("password", password)
	}
	if sock := a.str("login_unix_socket"); sock != "" {
		opt("socket", sock)
		opt("protocol", "socket")
	} else {
		opt("host", a.str("login_host"))
		opt("port", a.str("login_port"))
	}
	for _, tls := range [][2]string{{"ca_cert", "ssl-ca"}, {"client_cert", "ssl-cert"}, {"client_key", "ssl-key"}} {
		if a.has(tls[0]) {
			opt(tls[1], a.str(tls[0]))
		}
	}
	if a.has("check_hostname") && a.boolean("check_hostname") {
		b.WriteString("ssl-verify-server-cert\n")
	}
	// mysqldump refuses connect-timeout: only the mysql client reads it
	b.WriteString("[mysql]\n")
	opt("connect-timeout", a.str("connect_timeout"))
	return b.String()
}

// mysqlOptionValue quotes an option file value (backslash escapes are
// read inside the quotes).
func mysqlOptionValue(v string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
	return `"` + r.Replace(v) + `"`
}

// withOptions runs script with the option file in a private temporary
// file named by $EDXPLAY_MYCNF (written from a here-document, removed on
// exit: the password is on no command line). The client cannot read it
// from a pipe: it resolves /dev/fd paths.
func (c *mysqlClient) withOptions(script string) (string, error) {
	delim := make([]byte, 8)
	if _, err := rand.Read(delim); err != nil {
		return "", fmt.Errorf("mysql: %w", err)
	}
	eof := "EDXPLAY_MYCNF_" + hex.EncodeToString(delim)
	return fmt.Sprintf("(umask 077; EDXPLAY_MYCNF=$(mktemp) || exit 1; export EDXPLAY_MYCNF; trap 'rm -f \"$EDXPLAY_MYCNF\"' EXIT; cat > \"$EDXPLAY_MYCNF\" <<'%s'\n%s%s\n%s\n)", eof, c.options, eof, script), nil
}

// query runs SQL statements and returns the rows of their results.
func (c *mysqlClient) query(ctx context.Context, sql string) ([][]string, error) {
	return c.run(ctx, sql, "--skip-column-names")
}

// queryHeader is query with each result's column names as its first row.
func (c *mysqlClient) queryHeader(ctx context.Context, sql string) ([][]string, error) {
	return c.run(ctx, sql, "--column-names")
}

func (c *mysqlClient) run(ctx context.Context, sql, columns string) ([][]string, error) {
	cmd, err := c.withOptions("mysql --defaults-file=\"$EDXPLAY_MYCNF\" --batch " + columns + " --default-character-set=utf8mb4")
	if err != nil {
		return nil, err
	}
	res, err := c.call.Conn.Run(ctx, connection.Command{Cmd: cmd, Stdin: []byte(c.prefix + sql + ";\n"), Become: c.call.Become})
	if err != nil {
		return nil, fmt.Errorf("mysql: %w", err)
	}
	if res.RC != 0 {
		msg := strings.TrimSpace(res.Stderr)
		if res.RC == 127 {
			msg = "the mysql client is not installed on the target (" + msg + ")"
		}
		return nil, fmt.Errorf("%w: %s", errMySQL, msg)
	}
	var rows [][]string
	for _, line := range splitLines(res.Stdout) {
		fields := strings.Split(line, "\t")
		for i, f := range fields {
			fields[i] = mysqlUnescape(f)
		}
		rows = append(rows, fields)
	}
	return rows, nil
}

// mysqlUnescape undoes the client's batch-mode escapes (\0 \t \n \\).
func mysqlUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	return strings.NewReplacer(`\\`, `\`, `\t`, "\t", `\n`, "\n", `\0`, "\x00").Replace(s)
}

// sqlString quotes a string literal.
func sqlString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\x00", `\0`, "\n", `\n`, "\r", `\r`, "\x1a", `\Z`).Replace(s) + "'"
}

// sqlIdent quotes an identifier with backticks.
func sqlIdent(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }

// mysqlFailure turns a server error into a failed result; other errors pass.
func mysqlFailure(prefix string, err error) (*Result, error) {
	if errors.Is(err, errMySQL) {
		return &Result{Failed: true, Msg: prefix + strings.TrimPrefix(err.Error(), "mysql: ")}, nil
	}
	return nil, err
}
