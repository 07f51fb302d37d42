package modules

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/edxplay/edxplay/internal/odict"
)

// mysqlPrivs maps "db.table" to its privileges, in the order read.
type mysqlPrivs struct {
	keys []string
	m    map[string][]string
}

func newMySQLPrivs() *mysqlPrivs { return &mysqlPrivs{m: map[string][]string{}} }

func (p *mysqlPrivs) add(key string, privs ...string) {
	if _, ok := p.m[key]; !ok {
		p.keys = append(p.keys, key)
	}
	p.m[key] = append(p.m[key], privs...)
}

func (p *mysqlPrivs) has(key string) bool { _, ok := p.m[key]; return ok }

// equal compares like Python's dict equality of lists (order counts).
func (p *mysqlPrivs) equal(o *mysqlPrivs) bool {
	if len(p.m) != len(o.m) {
		return false
	}
	for k, v := range p.m {
		w, ok := o.m[k]
		if !ok || strings.Join(v, "\x00") != strings.Join(w, "\x00") {
			return false
		}
	}
	return true
}

// mysqlPrivString is the priv argument as a string: a dict becomes
// "key:value" pairs joined with "/".
func mysqlPrivString(v any) (string, bool) {
	if p, ok := v.(string); ok {
		return p, true
	}
	m, ok := odict.Plain(v)
	if !ok {
		return "", false
	}
	var parts []string
	for _, k := range odict.KeysOf(v) {
		parts = append(parts, fmt.Sprintf("%s:%v", k, m[k]))
	}
	return strings.Join(parts, "/"), true
}

// unpackMySQLPrivs reads "db.table:PRIV1,PRIV2/db2.*:ALL" as community.mysql
// does: names quoted (` or " under ANSI), privileges upper-cased, USAGE on
// *.* added unless given (or subtracting).
func unpackMySQLPrivs(priv string, ansi, ensureUsage bool) (*mysqlPrivs, error) {
	quote := "`"
	if ansi {
		quote = `"`
	}
	out := newMySQLPrivs()
	for _, item := range strings.Split(strings.TrimSpace(priv), "/") {
		item = strings.TrimSpace(item)
		i := strings.LastIndex(item, ":")
		if i < 0 {
			return nil, fmt.Errorf("invalid privileges string: %s", item)
		}
		target, privs := item[:i], item[i+1:]
		objectType := ""
		if kind, rest, ok := strings.Cut(target, " "); ok && (kind == "FUNCTION" || kind == "PROCEDURE") {
			objectType, target = kind+" ", rest
		}
		var sides []string
		if j := strings.LastIndex(target, "."); j >= 0 {
			sides = []string{target[:j], target[j+1:]}
		} else {
			sides = []string{target}
		}
		for k, side := range sides {
			if strings.Trim(side, "`") != "*" {
				sides[k] = quote + strings.Trim(side, "`") + quote
			}
		}
		key := objectType + strings.Join(sides, ".")
		// as community.mysql: without a column list, the names are not trimmed
		list := strings.Split(strings.ToUpper(privs), ",")
		if strings.Contains(privs, "(") {
			list = splitOutsideParens(strings.ToUpper(privs))
		}
		out.keys = appendUnique(out.keys, key)
		out.m[key] = normalizeColGrants(list)
	}
	if ensureUsage && !out.has("*.*") {
		out.add("*.*", "USAGE")
	}
	return out, nil
}

func appendUnique(keys []string, k string) []string {
	for _, have := range keys {
		if have == k {
			return keys
		}
	}
	return append(keys, k)
}

// splitOutsideParens splits at commas outside parentheses (column lists).
func splitOutsideParens(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimLeft(s[start:i], " "))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimLeft(s[start:], " "))
}

// normalizeColGrants joins column lists split at their commas and sorts
// their columns: ["SELECT (B", "A)"] → ["SELECT (A, B)"].
func normalizeColGrants(privs []string) []string {
	for _, grant := range []string{"SELECT", "UPDATE", "INSERT", "REFERENCES"} {
		start, end := -1, -1
		for n, p := range privs {
			if strings.Contains(p, grant+" (") {
				start = n
			}
			if start >= 0 && strings.Contains(p, ")") {
				end = n
				break
			}
		}
		if start < 0 || end < 0 {
			continue
		}
		joined := strings.Join(privs[start:end+1], ", ")
		out := append(append([]string{}, privs[:start]...), sortColumns(joined))
		privs = append(out, privs[end+1:]...)
	}
	return privs
}

// sortColumns sorts the columns of "SELECT (b, a)".
func sortColumns(stmt string) string {
	name, cols, _ := strings.Cut(stmt, "(")
	parts := strings.Split(strings.TrimRight(cols, ")"), ",")
	for i, c := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(c), "`")
	}
	sort.Strings(parts)
	return name + "(" + strings.Join(parts, ", ") + ")"
}

var (
	grantOnLine   = regexp.MustCompile("^GRANT (.+) ON (.+) TO ['`\"](.*)$")
	grantRoleLine = regexp.MustCompile("^GRANT (.+) TO ['`\"]")
)

// mysqlPrivsGet parses SHOW GRANTS for the account.
func mysqlPrivsGet(ctx context.Context, c *mysqlClient, user, host string) (*mysqlPrivs, error) {
	rows, err := c.query(ctx, fmt.Sprintf("SHOW GRANTS FOR %s@%s", sqlString(user), sqlString(host)))
	if err != nil {
		return nil, err
	}
	out := newMySQLPrivs()
	for _, row := range rows {
		m := grantOnLine.FindStringSubmatch(row[0])
		if m == nil {
			if grantRoleLine.MatchString(row[0]) {
				continue // a role granted to the user (mysql_role's business)
			}
			return nil, fmt.Errorf("%w: unable to parse the MySQL grant string: %s", errMySQL, row[0])
		}
		var privs []string
		for _, p := range strings.Split(m[1], ",") {
			p = strings.TrimSpace(p)
			if p == "ALL PRIVILEGES" {
				p = "ALL"
			}
			privs = append(privs, p)
		}
		privs = normalizeColGrants(privs)
		if strings.Contains(m[3], "WITH GRANT OPTION") {
			privs = append(privs, "GRANT")
		}
		out.add(m[2], privs...)
	}
	return out, nil
}

// mysqlRevoke revokes privileges (and the grant option first).
func mysqlRevoke(ctx context.Context, c *mysqlClient, account, target string, privs []string, grantOption bool) error {
	var stmts []string
	if grantOption {
		stmts = append(stmts, fmt.Sprintf("REVOKE GRANT OPTION ON %s FROM %s", target, account))
	}
	if list := withoutGrant(privs); list != "" {
		stmts = append(stmts, fmt.Sprintf("REVOKE %s ON %s FROM %s", list, target, account))
	}
	stmts = append(stmts, "FLUSH PRIVILEGES")
	_, err := c.query(ctx, strings.Join(stmts, ";\n"))
	return err
}

// mysqlGrant grants privileges (GRANT in the list: WITH GRANT OPTION).
func mysqlGrant(ctx context.Context, c *mysqlClient, account, target string, privs []string) error {
	q := fmt.Sprintf("GRANT %s ON %s TO %s", withoutGrant(privs), target, account)
	for _, p := range privs {
		if p == "GRANT" {
			q += " WITH GRANT OPTION"
			break
		}
	}
	if _, err := c.query(ctx, q); err != nil {
		return fmt.Errorf("%w: Error granting privileges, invalid priv string: %s , query: %s , exception: %s.",
			errMySQL, withoutGrant(privs), q, strings.TrimPrefix(err.Error(), "mysql: "))
	}
	return nil
}

func withoutGrant(privs []string) string {
	var out []string
	for _, p := range privs {
		if p != "GRANT" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ",")
}

// setDiff is the members of a not in b, in a's order, once each.
func setDiff(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
			in[x] = true
		}
	}
	return out
}

// setAnd is the members of a also in b, in a's order, once each.
func setAnd(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	seen := map[string]bool{}
	var out []string
	for _, x := range a {
		if in[x] && !seen[x] {
			out = append(out, x)
			seen[x] = true
		}
	}
	return out
}
