package jinja

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// templateVars returns the variables the template module and the
// template lookup add (Ansible's generate_ansible_template_vars).
func templateVars(path, managed string) map[string]any {
	host, _ := os.Hostname()
	owner := fmt.Sprint(os.Getuid())
	mtime := ""
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	if st, err := os.Stat(path); err == nil {
		owner = fileOwner(st)
		mtime = st.ModTime().Local().Format(pyDatetime)
	}
	return map[string]any{
		"ansible_managed":   managedString(managed, host, owner, path),
		"template_host":     host,
		"template_path":     path,
		"template_fullpath": abs,
		"template_uid":      owner,
		"template_mtime":    mtime,
		"template_run_date": nowString(),
		"template_destpath": "",
	}
}

// managedString is ansible_managed as Ansible's template module makes it
// from ansible.cfg's ansible_managed: {host}, {uid} and {file} replaced
// (str.format), then time.strftime with the template's mtime.
func managedString(format, host, uid, path string) string {
	s := strings.NewReplacer("{host}", host, "{uid}", uid, "{file}", path).Replace(format)
	if !strings.Contains(s, "%") {
		return s
	}
	mtime := time.Now()
	if st, err := os.Stat(path); err == nil {
		mtime = st.ModTime()
	}
	return strftime(s, mtime.Local())
}

// strftime formats t with C strftime's common conversions; others are
// kept as written.
func strftime(format string, t time.Time) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 == len(format) {
			b.WriteByte(format[i])
			continue
		}
		i++
		if s, ok := strftimeField(format[i], t); ok {
			b.WriteString(s)
		} else {
			b.WriteByte('%')
			b.WriteByte(format[i])
		}
	}
	return b.String()
}

func strftimeField(c byte, t time.Time) (string, bool) {
	switch c {
	case 'Y':
		return fmt.Sprint(t.Year()), true
	case 'y':
		return fmt.Sprintf("%02d", t.Year()%100), true
	case 'm':
		return fmt.Sprintf("%02d", int(t.Month())), true
	case 'd':
		return fmt.Sprintf("%02d", t.Day()), true
	case 'H':
		return fmt.Sprintf("%02d", t.Hour()), true
	case 'I':
		return fmt.Sprintf("%02d", (t.Hour()+11)%12+1), true
	case 'M':
		return fmt.Sprintf("%02d", t.Minute()), true
	case 'S':
		return fmt.Sprintf("%02d", t.Second()), true
	case 'p':
		return t.Format("PM"), true
	case 'j':
		return fmt.Sprintf("%03d", t.YearDay()), true
	case 'a':
		return t.Format("Mon"), true
	case 'A':
		return t.Format("Monday"), true
	case 'b':
		return t.Format("Jan"), true
	case 'B':
		return t.Format("January"), true
	case 'Z':
		return t.Format("MST"), true
	case 'z':
		return t.Format("-0700"), true
	case '%':
		return "%", true
	}
	return "", false
}
