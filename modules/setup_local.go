package modules

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// localFactsList prints one line per *.fact file of a directory (sorted,
// as glob order is): "missing", "exec" or "file", a space, and the path.
const localFactsList = `d=%s
[ -d "$d" ] || exit 0
for f in "$d"/*.fact; do
  if [ ! -e "$f" ]; then [ -L "$f" ] && echo "missing $f"; continue; fi
  if [ -n "$(find "$f" -prune -perm -u+x 2>/dev/null)" ]; then echo "exec $f"; else echo "file $f"; fi
done`

// localFacts reads the local facts of factPath as Ansible's local fact
// collector does: an executable .fact file is run and its output read,
// another is read; the text is JSON, else INI. A file that cannot be read
// or run holds the error message instead.
func localFacts(ctx context.Context, call *Call, factPath string) (map[string]any, error) {
	local := map[string]any{}
	if factPath == "" {
		return local, nil
	}
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: fmt.Sprintf(localFactsList, hostfile.Quote(factPath)), Become: call.Become})
	if err != nil {
		return nil, fmt.Errorf("local facts: %w", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(res.Stdout), "\n") {
		kind, fn, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		base := strings.ReplaceAll(fn[strings.LastIndex(fn, "/")+1:], ".fact", "")
		if local[base], err = localFact(ctx, call, kind, fn); err != nil {
			return nil, err
		}
	}
	return local, nil
}

// localFact is one local fact file's value.
func localFact(ctx context.Context, call *Call, kind, fn string) (any, error) {
	if kind == "missing" {
		return fmt.Sprintf("Could not stat fact (%s): [Errno 2] No such file or directory: '%s'", fn, fn), nil
	}
	cmd := "cat " + hostfile.Quote(fn) + " 2>/dev/null"
	if kind == "exec" {
		cmd = hostfile.Quote(fn)
	}
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: cmd, Env: call.Env, Become: call.Become})
	if err != nil {
		return nil, fmt.Errorf("local facts: %w", err)
	}
	if kind == "exec" && res.RC != 0 {
		return fmt.Sprintf("Failure executing fact script (%s), rc: %d, err: %s", fn, res.RC, res.Stderr), nil
	}
	var v any
	if json.Unmarshal([]byte(res.Stdout), &v) == nil {
		return v, nil
	}
	ini, ok := parseFactINI(res.Stdout)
	if !ok {
		return "error loading facts as JSON or ini - please check content: " + fn, nil
	}
	return ini, nil
}

// parseFactINI reads text as Python's configparser does with its
// defaults: [section] headers, "key = value" or "key: value" options
// (keys lowercased), # and ; comment lines, indented continuation lines.
// An option before any section is an error, as configparser's
// MissingSectionHeaderError.
func parseFactINI(text string) (map[string]any, bool) {
	out := map[string]any{}
	var sect map[string]any
	lastKey := ""
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		raw := sc.Text()
		line := strings.TrimSpace(raw)
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
			continue
		case sect != nil && lastKey != "" && raw[0] != line[0]:
			sect[lastKey] = fmt.Sprint(sect[lastKey]) + "\n" + line
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			name := line[1 : len(line)-1]
			if s, ok := out[name].(map[string]any); ok {
				sect = s
			} else {
				sect = map[string]any{}
				out[name] = sect
			}
			lastKey = ""
		case sect == nil:
			return nil, false
		default:
			i := strings.IndexAny(line, "=:")
			if i < 0 {
				return nil, false
			}
			lastKey = strings.ToLower(strings.TrimSpace(line[:i]))
			sect[lastKey] = strings.TrimSpace(line[i+1:])
		}
	}
	return out, true
}
