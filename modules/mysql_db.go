package modules

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// MySQLDB creates and drops MySQL/MariaDB databases, and dumps and imports
// them with mysqldump and mysql (community.mysql.mysql_db), through the
// client programs on the target.
type MySQLDB struct{}

// Spec describes mysql_db's arguments.
func (MySQLDB) Spec() modspec.Spec {
	a := append(mysqlLoginArgs(),
		modspec.Arg{Name: "name", Type: modspec.List, Required: true, Aliases: []string{"db"}, Doc: "Names of the databases (all, with state dump or import: every database)."},
		modspec.Arg{Name: "state", Type: modspec.String, Default: "present", Choices: []string{"absent", "dump", "import", "present"}, Doc: "The databases' state, or dump/import them to/from target."},
		modspec.Arg{Name: "encoding", Type: modspec.String, Default: "", Doc: "Character set of a created database."},
		modspec.Arg{Name: "collation", Type: modspec.String, Default: "", Doc: "Collation of a created database."},
		modspec.Arg{Name: "target", Type: modspec.Path, Doc: "Dump file on the target (.gz, .bz2, .xz are compressed)."},
		modspec.Arg{Name: "single_transaction", Type: modspec.Bool, Default: false, Doc: "mysqldump --single-transaction."},
		modspec.Arg{Name: "quick", Type: modspec.Bool, Default: true, Doc: "mysqldump --quick."},
		modspec.Arg{Name: "ignore_tables", Type: modspec.List, Default: []any{}, Doc: "Tables (db.table) mysqldump skips."},
		modspec.Arg{Name: "hex_blob", Type: modspec.Bool, Default: false, Doc: "mysqldump --hex-blob."},
		modspec.Arg{Name: "force", Type: modspec.Bool, Default: false, Doc: "Continue dumping or importing after an SQL error."},
		modspec.Arg{Name: "master_data", Type: modspec.Int, Default: 0, Choices: []string{"0", "1", "2"}, Doc: "mysqldump --master-data."},
		modspec.Arg{Name: "skip_lock_tables", Type: modspec.Bool, Default: false, Doc: "mysqldump --skip-lock-tables."},
		modspec.Arg{Name: "dump_extra_args", Type: modspec.String, Doc: "More mysqldump options."},
		modspec.Arg{Name: "use_shell", Type: modspec.Bool, Default: false, Doc: "Accepted; edxplay always imports through sh."},
		modspec.Arg{Name: "unsafe_login_password", Type: modspec.Bool, Default: false, NoLog: true, Doc: "Accepted; the password never goes on a command line."},
		modspec.Arg{Name: "restrict_config_file", Type: modspec.Bool, Default: false, Doc: "Accepted; edxplay's clients always read only config_file (--defaults-file)."},
		modspec.Arg{Name: "config_overrides_defaults", Type: modspec.Bool, Default: false, Doc: "Not implemented by edxplay: true fails."},
		modspec.Arg{Name: "chdir", Type: modspec.Path, Doc: "Directory to change to before dumping or importing."},
		modspec.Arg{Name: "pipefail", Type: modspec.Bool, Default: false, Doc: "Fail a compressed dump when mysqldump fails."},
	)
	return modspec.Spec{Name: "mysql_db", Short: "Add or remove MySQL databases from a remote host", Args: a,
		Example: "- mysql_db:\n    name: app\n    encoding: utf8mb4\n    state: present\n"}
}

// Run creates, drops, dumps or imports the databases.
func (MySQLDB) exec(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	var names []string
	for _, n := range a.list("name") {
		names = append(names, strings.TrimSpace(fmt.Sprint(n)))
	}
	state := a.str("state")
	data := map[string]any{"db": strings.Join(names, " "), "db_list": names}
	if len(names) == 0 {
		return &Result{Data: map[string]any{"db": []any{}, "db_list": []any{}}}, nil
	}
	if bad := mysqlDBArgsFailure(a, names, state); bad != "" {
		return &Result{Failed: true, Msg: bad}, nil
	}
	c, failed, err := connectMySQL(ctx, call)
	if err != nil || failed != nil {
		return failed, err
	}
	all := (state == "dump" || state == "import") && len(names) == 1 && names[0] == "all"
	var present, missing []string
	if !all {
		for _, n := range names {
			rows, err := c.query(ctx, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = "+sqlString(n))
			if err != nil {
				return mysqlFailure("", err)
			}
			if len(rows) > 0 {
				present = append(present, n)
			} else {
				missing = append(missing, n)
			}
		}
	}
	switch state {
	case "absent":
		return mysqlDBChange(ctx, c, call, data, present, "error deleting database: ", func(n string) string { return "DROP DATABASE " + sqlIdent(n) })
	case "present":
		return mysqlDBChange(ctx, c, call, data, missing, "error creating database: ", func(n string) string { return mysqlCreateDB(a, n) })
	}
	return mysqlDumpImport(ctx, c, call, data, names, missing, all)
}

// mysqlDBArgsFailure checks the argument combinations Ansible refuses.
func mysqlDBArgsFailure(a args, names []string, state string) string {
	if a.integer("login_port") < 0 || a.integer("login_port") > 65535 {
		return "login_port must be a valid unix port number (0-65535)"
	}
	for _, t := range a.list("ignore_tables") {
		if fmt.Sprint(t) == "" {
			return "Name of ignored table cannot be empty"
		}
	}
	if a.boolean("config_overrides_defaults") {
		return "config_overrides_defaults is not implemented by edxplay"
	}
	if len(names) > 1 && state == "import" {
		return "Multiple databases are not supported with state=import"
	}
	if state == "dump" || state == "import" {
		if !a.has("target") {
			return fmt.Sprintf("with state=%s target is required", state)
		}
	} else if len(names) == 1 && names[0] == "all" {
		return "name is not allowed to equal 'all' unless state equals import, or dump."
	}
	return ""
}

// mysqlCreateDB is the CREATE DATABASE statement for a database.
func mysqlCreateDB(a args, name string) string {
	q := "CREATE DATABASE " + sqlIdent(name)
	if enc := a.str("encoding"); enc != "" {
		q += " CHARACTER SET " + sqlString(enc)
	}
	if coll := a.str("collation"); coll != "" {
		q += " COLLATE " + sqlString(coll)
	}
	return q
}

// mysqlDBChange runs one statement per database (none: unchanged).
func mysqlDBChange(ctx context.Context, c *mysqlClient, call *Call, data map[string]any, dbs []string, failPrefix string, stmt func(string) string) (*Result, error) {
	res := &Result{Changed: len(dbs) > 0, Data: data}
	if call.Check {
		return res, nil
	}
	executed := []any{}
	for _, n := range dbs {
		q := stmt(n)
		if _, err := c.query(ctx, q); err != nil {
			return mysqlFailure(failPrefix, err)
		}
		executed = append(executed, q)
	}
	data["executed_commands"] = executed
	if res.Changed {
		res.Diffs = []modspec.Diff{{Before: mysqlDBState(data, dbs, "absent"), After: mysqlDBState(data, dbs, "present")}}
		if strings.HasPrefix(failPrefix, "error deleting") {
			res.Diffs[0].Before, res.Diffs[0].After = res.Diffs[0].After, res.Diffs[0].Before
		}
	}
	return res, nil
}

// mysqlDBState is a diff side: the changed databases in one state.
func mysqlDBState(_ map[string]any, dbs []string, state string) string {
	var b strings.Builder
	for _, n := range dbs {
		fmt.Fprintf(&b, "database %s: %s\n", n, state)
	}
	return b.String()
}

// mysqlDumpImport dumps the databases to target or imports target, through
// mysqldump/mysql with the same option file; compressed targets go
// through their compressor.
func mysqlDumpImport(ctx context.Context, c *mysqlClient, call *Call, data map[string]any, names, missing []string, all bool) (*Result, error) {
	a := args(call.Args)
	state := a.str("state")
	if state == "dump" && len(missing) > 0 && !all {
		return &Result{Failed: true, Msg: fmt.Sprintf("Cannot dump database(s) %s - not found", pyvalue.Repr(strings.Join(missing, ", ")))}, nil
	}
	if call.Check {
		return &Result{Changed: true, Data: data}, nil
	}
	if state == "import" {
		res, err := call.Conn.Run(ctx, connection.Command{Cmd: "test -e " + shellPath(a.str("target")), Become: call.Become, ReadOnly: true})
		if err != nil {
			return nil, fmt.Errorf("mysql_db: %w", err)
		}
		if res.RC != 0 {
			return &Result{Failed: true, Msg: fmt.Sprintf("target %s does not exist on the host", a.str("target"))}, nil
		}
	}
	executed := []any{}
	if state == "import" && !all {
		for _, n := range missing {
			q := mysqlCreateDB(a, n)
			if _, err := c.query(ctx, q); err != nil {
				return mysqlFailure("error creating database: ", err)
			}
			executed = append(executed, q)
		}
	}
	script := mysqlDumpScript(a, names, all)
	if state == "import" {
		script = mysqlImportScript(a, names, all)
	}
	if dir := a.str("chdir"); dir != "" {
		script = "cd " + shellPath(dir) + " && " + script
	}
	cmd, err := c.withOptions(script)
	if err != nil {
		return nil, err
	}
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: cmd, Become: call.Become})
	if err != nil {
		return nil, fmt.Errorf("mysql_db: %w", err)
	}
	if res.RC != 0 {
		return &Result{Failed: true, Msg: res.Stderr}, nil
	}
	data["msg"] = res.Stdout
	data["executed_commands"] = executed
	return &Result{Changed: true, Msg: res.Stdout, Data: data}, nil
}

// mysqlCompressor is the program for a compressed dump's extension.
func mysqlCompressor(target string) string {
	switch path.Ext(target) {
	case ".gz":
		return "gzip"
	case ".bz2":
		return "bzip2"
	case ".xz":
		return "xz"
	}
	return ""
}

// mysqlDumpScript is the mysqldump pipeline writing target.
func mysqlDumpScript(a args, names []string, all bool) string {
	cmd := []string{"mysqldump --defaults-file=\"$EDXPLAY_MYCNF\""}
	flags := map[string]string{"single_transaction": "--single-transaction=true", "quick": "--quick", "hex_blob": "--hex-blob",
		"force": "--force", "skip_lock_tables": "--skip-lock-tables"}
	for _, k := range []string{"single_transaction", "quick", "hex_blob", "force", "skip_lock_tables"} {
		if a.boolean(k) {
			cmd = append(cmd, flags[k])
		}
	}
	if md := a.integer("master_data"); md != 0 {
		cmd = append(cmd, fmt.Sprintf("--master-data=%d", md))
	}
	if enc := a.str("encoding"); enc != "" {
		cmd = append(cmd, "--default-character-set="+hostfile.Quote(enc))
	}
	for _, t := range a.list("ignore_tables") {
		cmd = append(cmd, "--ignore-table="+hostfile.Quote(fmt.Sprint(t)))
	}
	switch {
	case all:
		cmd = append(cmd, "--all-databases")
	case len(names) > 1:
		cmd = append(cmd, "--databases")
		for _, n := range names {
			cmd = append(cmd, hostfile.Quote(n))
		}
	default:
		cmd = append(cmd, hostfile.Quote(names[0]))
	}
	if extra := a.str("dump_extra_args"); extra != "" {
		cmd = append(cmd, extra)
	}
	target := shellPath(a.str("target"))
	line := strings.Join(cmd, " ")
	if prog := mysqlCompressor(a.str("target")); prog != "" {
		if a.boolean("pipefail") {
			return fmt.Sprintf("bash -c 'set -o pipefail; %s | %s > %s'", strings.ReplaceAll(line, "'", `'\''`), prog, strings.ReplaceAll(target, "'", `'\''`))
		}
		return fmt.Sprintf("%s | %s > %s", line, prog, target)
	}
	return line + " > " + target
}

// mysqlImportScript is the mysql pipeline reading target.
func mysqlImportScript(a args, names []string, all bool) string {
	line := "mysql --defaults-file=\"$EDXPLAY_MYCNF\""
	if a.boolean("force") {
		line += " --force"
	}
	if enc := a.str("encoding"); enc != "" {
		line += " --default-character-set=" + hostfile.Quote(enc)
	}
	if !all {
		line += " --one-database " + hostfile.Quote(names[0])
	}
	target := shellPath(a.str("target"))
	if prog := mysqlCompressor(a.str("target")); prog != "" {
		return fmt.Sprintf("%s -dc < %s | %s", prog, target, line)
	}
	return line + " < " + target
}

// Run describes the change and, out of check mode, applies it.
func (m MySQLDB) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe runs the module in check mode (it only reads the server then)
// and plans a real run when that reports a change.
func (m MySQLDB) Describe(ctx context.Context, call *Call) (*Planned, error) {
	return describeByCheckRun(ctx, call, m.exec)
}
