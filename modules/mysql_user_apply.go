package modules

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/shellwords"
)

// add creates the account with its password or plugin, TLS requirements
// and privileges (community.mysql's user_add).
func (u *mysqlAccount) add(ctx context.Context, a args, newPriv *mysqlPrivs, out *Result) (*Result, error) {
	out.Changed, out.Msg = true, "User added"
	out.Data["msg"] = out.Msg
	out.Diffs = []modspec.Diff{{Before: "user " + u.user + "@" + u.host + ": absent\n", After: "user " + u.user + "@" + u.host + ": present\n"}}
	if u.check {
		out.Data["password_changed"] = nil
		return out, nil
	}
	password, plugin, hash, auth := a.str("password"), a.str("plugin"), a.str("plugin_hash_string"), a.str("plugin_auth_string")
	reused := false
	if a.str("update_password") == "on_new_username" {
		if p, h, ok, err := u.existingAuth(ctx); err != nil {
			return nil, err
		} else if ok {
			plugin, hash, password, reused = p, h, "", true
		}
	}
	q := "CREATE USER " + u.name()
	switch {
	case password != "" && a.boolean("encrypted"):
		if u.c.mariadb || u.c.versionBelow("", "8") {
			q += " IDENTIFIED BY PASSWORD " + sqlString(password)
		} else {
			q += " IDENTIFIED WITH mysql_native_password AS " + sqlString(password)
		}
	case password != "" && u.oldMgmt:
		q += " IDENTIFIED BY " + sqlString(password)
	case password != "":
		q += " IDENTIFIED WITH mysql_native_password AS " + sqlString(nativeHash(password))
	case plugin != "" && hash != "":
		q += " IDENTIFIED WITH " + plugin + " AS " + sqlString(hash)
	case plugin == "pam" && auth != "":
		q += " IDENTIFIED WITH pam USING " + sqlString(auth)
	case plugin != "" && auth != "":
		q += " IDENTIFIED WITH " + plugin + " BY " + sqlString(auth)
	case plugin != "":
		q += " IDENTIFIED WITH " + plugin
	}
	if req := mysqlRequireClause(sanitizeTLSRequires(a["tls_requires"])); req != "" && !u.oldMgmt {
		q += req
	}
	if _, err := u.c.query(ctx, q); err != nil {
		return nil, err
	}
	if newPriv != nil {
		for _, target := range newPriv.keys {
			if err := mysqlGrant(ctx, u.c, u.name(), target, newPriv.m[target]); err != nil {
				return nil, err
			}
		}
	}
	out.Data["password_changed"] = !reused
	return out, nil
}

// existingAuth is the user's one plugin and authentication string, when
// all its accounts share them.
func (u *mysqlAccount) existingAuth(ctx context.Context) (string, string, bool, error) {
	q := fmt.Sprintf("SELECT plugin, authentication_string FROM mysql.user WHERE user = %s GROUP BY plugin, authentication_string LIMIT 2", sqlString(u.user))
	if u.c.mariadb {
		q = fmt.Sprintf("SELECT plugin, auth FROM (SELECT plugin, password AS auth FROM mysql.user WHERE user = %[1]s UNION SELECT plugin, authentication_string AS auth FROM mysql.user WHERE user = %[1]s) x GROUP BY plugin, auth LIMIT 2", sqlString(u.user))
	}
	rows, err := u.c.query(ctx, q)
	if err != nil || len(rows) != 1 || len(rows[0]) != 2 {
		return "", "", false, err
	}
	return rows[0][0], rows[0][1], true, nil
}

// modify brings each existing host's account to the arguments
// (community.mysql's user_mod); check mode stops at the first change.
func (u *mysqlAccount) modify(ctx context.Context, a args, hosts []string, newPriv *mysqlPrivs, out *Result) (*Result, error) {
	out.Msg = "User unchanged"
	var steps []string
	for _, h := range hosts {
		acct := &mysqlAccount{c: u.c, user: u.user, host: h, oldMgmt: u.oldMgmt, check: u.check}
		for _, step := range []func(context.Context, args, *mysqlPrivs) (string, bool, error){acct.syncPassword, acct.syncPlugin, acct.syncPrivs, acct.syncTLS} {
			msg, changed, err := step(ctx, a, newPriv)
			if err != nil {
				return nil, err
			}
			if !changed {
				continue
			}
			out.Changed, out.Msg = true, msg
			steps = append(steps, h+": "+msg)
			if strings.HasPrefix(msg, "Password") || msg == "Plugin updated" {
				out.Data["password_changed"] = true
			}
			if u.check {
				out.Data["msg"] = out.Msg
				return out, nil
			}
		}
	}
	out.Data["msg"] = out.Msg
	if out.Changed {
		out.Diffs = []modspec.Diff{{Before: "user " + u.user + ": as it was\n", After: "user " + u.user + ": " + strings.Join(steps, "; ") + "\n"}}
	}
	return out, nil
}

// syncPassword sets the password when its hash differs from the account's.
func (u *mysqlAccount) syncPassword(ctx context.Context, a args, _ *mysqlPrivs) (string, bool, error) {
	password := a.str("password")
	if a.str("update_password") != "always" || password == "" {
		return "", false, nil
	}
	current, err := u.currentHash(ctx)
	if err != nil {
		return "", false, err
	}
	want := nativeHash(password)
	if a.boolean("encrypted") {
		if !isNativeHash(password) {
			return "", false, fmt.Errorf("%w: encrypted was specified however it does not appear to be a valid hash expecting: *SHA1(SHA1(your_password))", errMySQL)
		}
		want = password
	} else if u.oldMgmt {
		rows, err := u.c.query(ctx, "SELECT PASSWORD("+sqlString(password)+")")
		if err != nil || len(rows) == 0 {
			return "", false, err
		}
		want = rows[0][0]
	}
	if current == want {
		return "", false, nil
	}
	if u.check {
		return "Password updated", true, nil
	}
	if u.oldMgmt {
		_, err := u.c.query(ctx, fmt.Sprintf("SET PASSWORD FOR %s = %s", u.name(), sqlString(want)))
		return "Password updated (old style)", true, err
	}
	_, err = u.c.query(ctx, fmt.Sprintf("ALTER USER %s IDENTIFIED WITH mysql_native_password AS %s", u.name(), sqlString(want)))
	if err != nil && strings.Contains(err.Error(), "1396") {
		_, err = u.c.query(ctx, fmt.Sprintf("UPDATE mysql.user SET plugin = 'mysql_native_password', authentication_string = %s, Password = '' WHERE User = %s AND Host = %s;\nFLUSH PRIVILEGES",
			sqlString(want), sqlString(u.user), sqlString(u.host)))
		return "Password forced update", true, err
	}
	return "Password updated (new style)", true, err
}

// currentHash is the account's password hash: the Password column when
// set, else authentication_string (whichever columns the server has).
func (u *mysqlAccount) currentHash(ctx context.Context) (string, error) {
	rows, err := u.c.query(ctx, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'mysql' AND TABLE_NAME = 'user' AND COLUMN_NAME IN ('Password', 'authentication_string') ORDER BY COLUMN_NAME DESC")
	if err != nil || len(rows) == 0 {
		return "", err
	}
	colA, colB := rows[0][0], rows[len(rows)-1][0]
	q := fmt.Sprintf("SELECT COALESCE(CASE WHEN %[1]s = '' THEN NULL ELSE %[1]s END, CASE WHEN %[2]s = '' THEN NULL ELSE %[2]s END) FROM mysql.user WHERE user = %[3]s AND host = %[4]s",
		colA, colB, sqlString(u.user), sqlString(u.host))
	rows, err = u.c.query(ctx, q)
	if err != nil || len(rows) == 0 {
		return "", err
	}
	return rows[0][0], nil
}

// syncPlugin sets the authentication plugin when it or its string differs.
func (u *mysqlAccount) syncPlugin(ctx context.Context, a args, _ *mysqlPrivs) (string, bool, error) {
	plugin, hash, auth := a.str("plugin"), a.str("plugin_hash_string"), a.str("plugin_auth_string")
	if plugin == "" || a.str("update_password") != "always" {
		return "", false, nil
	}
	rows, err := u.c.query(ctx, fmt.Sprintf("SELECT plugin, authentication_string FROM mysql.user WHERE user = %s AND host = %s", sqlString(u.user), sqlString(u.host)))
	if err != nil || len(rows) == 0 || len(rows[0]) != 2 {
		return "", false, err
	}
	cur := rows[0]
	if cur[0] == plugin && (hash == "" || cur[1] == hash) && (auth == "" || cur[1] == auth) {
		return "", false, nil
	}
	if u.check {
		return "Plugin updated", true, nil
	}
	q := "ALTER USER " + u.name() + " IDENTIFIED WITH " + plugin
	switch {
	case hash != "":
		q += " AS " + sqlString(hash)
	case auth != "" && plugin == "pam":
		q += " USING " + sqlString(auth)
	case auth != "":
		q += " BY " + sqlString(auth)
	}
	_, err = u.c.query(ctx, q)
	return "Plugin updated", true, err
}

// syncPrivs revokes and grants until the account has the privileges.
func (u *mysqlAccount) syncPrivs(ctx context.Context, a args, want *mysqlPrivs) (string, bool, error) {
	if want == nil {
		return "", false, nil
	}
	appendPrivs, subtract := a.boolean("append_privs"), a.boolean("subtract_privs")
	cur, err := mysqlPrivsGet(ctx, u.c, u.user, u.host)
	if err != nil {
		return "", false, err
	}
	msg, changed := "", false
	if !appendPrivs && !subtract {
		grantOption := false
		for _, target := range cur.keys {
			privs := cur.m[target]
			grantOption = grantOption || contains(privs, "GRANT")
			if want.has(target) || u.user == "root" || contains(privs, "PROXY") {
				continue
			}
			if msg, changed = "Privileges updated", true; u.check {
				return msg, true, nil
			}
			if err := mysqlRevoke(ctx, u.c, u.name(), target, privs, grantOption); err != nil {
				return "", false, err
			}
		}
	}
	if !subtract {
		for _, target := range want.keys {
			if cur.has(target) {
				continue
			}
			if msg, changed = "New privileges granted", true; u.check {
				return msg, true, nil
			}
			if err := mysqlGrant(ctx, u.c, u.name(), target, want.m[target]); err != nil {
				return "", false, err
			}
		}
	}
	for _, target := range want.keys {
		if !cur.has(target) {
			continue
		}
		m, err := u.syncTargetPrivs(ctx, target, want.m[target], cur.m[target], appendPrivs, subtract)
		if err != nil || m == "" {
			if err != nil {
				return "", false, err
			}
			continue
		}
		if msg, changed = m, true; u.check {
			return msg, true, nil
		}
	}
	after, err := mysqlPrivsGet(ctx, u.c, u.user, u.host)
	if err != nil {
		return "", false, err
	}
	if !after.equal(cur) && !changed {
		msg, changed = "Privileges updated", true
	}
	return msg, changed, nil
}

// syncTargetPrivs reconciles one db.table both sides name; its message
// is empty when nothing differs.
func (u *mysqlAccount) syncTargetPrivs(ctx context.Context, target string, want, cur []string, appendPrivs, subtract bool) (string, error) {
	var grant, revoke []string
	grantOption := false
	switch {
	case appendPrivs:
		grant = setDiff(want, cur)
	case subtract:
		revoke = setAnd(want, cur)
	default:
		grant, revoke = setDiff(want, cur), setDiff(cur, want)
		if contains(grant, "ALL") || contains(grant, "ALL PRIVILEGES") {
			revoke = setAnd(revoke, []string{"GRANT", "PROXY"})
		}
		grantOption = contains(revoke, "GRANT") && !contains(grant, "GRANT")
	}
	if len(grant) == 1 && grant[0] == "GRANT" {
		grant = append(grant, "USAGE")
	}
	if len(grant)+len(revoke) == 0 {
		return "", nil
	}
	msg := fmt.Sprintf("Privileges updated: granted %s, revoked %s", pyList(grant), pyList(revoke))
	if u.check {
		return msg, nil
	}
	if len(revoke) > 0 {
		if err := mysqlRevoke(ctx, u.c, u.name(), target, revoke, grantOption); err != nil {
			return "", err
		}
	}
	if len(grant) > 0 {
		if err := mysqlGrant(ctx, u.c, u.name(), target, grant); err != nil {
			return "", err
		}
	}
	return msg, nil
}

func pyList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = "'" + s + "'"
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sanitizeTLSRequires is community.mysql's sanitize_requires: nil for no
// requirement, "SSL" or "X509", or the CIPHER/ISSUER/SUBJECT values.
func sanitizeTLSRequires(v any) any {
	keys := odict.KeysOf(v)
	if len(keys) == 0 {
		return nil
	}
	m, _ := odict.Plain(v)
	out := odict.New(len(keys))
	for _, k := range keys {
		out.Set(strings.ToUpper(k), m[k])
	}
	if out.Has("CIPHER") || out.Has("ISSUER") || out.Has("SUBJECT") {
		out.Delete("SSL")
		out.Delete("X509")
		return out
	}
	if out.Has("X509") {
		return "X509"
	}
	return "SSL"
}

// mysqlRequireClause is " REQUIRE ..." for sanitized requirements.
func mysqlRequireClause(req any) string {
	switch r := req.(type) {
	case string:
		return " REQUIRE " + r
	case *odict.Map:
		var parts []string
		for _, k := range r.Keys() {
			v, _ := r.Get(k)
			parts = append(parts, k+" "+sqlString(fmt.Sprint(v)))
		}
		return " REQUIRE " + strings.Join(parts, " AND ")
	}
	return ""
}

var requireClause = regexp.MustCompile(`\bREQUIRE\b(.*?)(?:\bPASSWORD\b|$)`)

// currentTLS reads the account's requirements as sanitizeTLSRequires
// gives them.
func (u *mysqlAccount) currentTLS(ctx context.Context) (any, error) {
	q := "SHOW CREATE USER " + u.name()
	if u.oldMgmt {
		q = "SHOW GRANTS FOR " + u.name()
	}
	rows, err := u.c.query(ctx, q)
	if err != nil {
		return nil, err
	}
	line := ""
	for _, r := range rows {
		if strings.Contains(r[0], "REQUIRE") {
			line = r[0]
			break
		}
	}
	m := requireClause.FindStringSubmatch(line)
	if m == nil {
		return nil, nil
	}
	req := strings.TrimSpace(m[1])
	for _, kind := range []string{"SSL", "X509", "NONE"} {
		if strings.HasPrefix(req, kind) {
			if kind == "NONE" {
				return nil, nil
			}
			return kind, nil
		}
	}
	words, err := shellwords.Split(req)
	if err != nil || len(words) == 0 {
		return nil, nil //nolint:nilerr // unparsable: treated as none, as an empty shlex result
	}
	out := odict.New(len(words) / 2)
	for i := 0; i+1 < len(words); i += 2 {
		out.Set(words[i], words[i+1])
	}
	return out, nil
}

// syncTLS sets the TLS requirements when they differ.
func (u *mysqlAccount) syncTLS(ctx context.Context, a args, _ *mysqlPrivs) (string, bool, error) {
	want := sanitizeTLSRequires(a["tls_requires"])
	cur, err := u.currentTLS(ctx)
	if err != nil {
		return "", false, err
	}
	if mysqlRequireClause(cur) == mysqlRequireClause(want) {
		return "", false, nil
	}
	if u.check {
		return "TLS requires updated", true, nil
	}
	pre := "ALTER USER " + u.name()
	if u.oldMgmt {
		privs, err := mysqlPrivsGet(ctx, u.c, u.user, u.host)
		if err != nil {
			return "", false, err
		}
		pre = fmt.Sprintf("GRANT %s ON *.* TO %s", withoutGrant(privs.m["*.*"]), u.name())
	}
	clause := mysqlRequireClause(want)
	if clause == "" {
		clause = " REQUIRE NONE"
	}
	_, err = u.c.query(ctx, pre+clause)
	return "TLS requires updated", true, err
}
