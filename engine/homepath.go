package engine

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
)

// controllerPathArgs are path arguments that name files on the
// controller: their ~ is the controller's, not the host's.
var controllerPathArgs = map[string]bool{"src": true}

// expandHostHome expands a leading ~ or ~/ of a host module's path
// arguments to the home directory of the user the module runs as, as
// ansible-core's 'path' type does on the target (os.path.expanduser).
// The home is asked once per task, only when some argument needs it.
func expandHostHome(ctx context.Context, spec modspec.Spec, args map[string]any, conn connection.Conn, become *connection.Become) error {
	home := ""
	for _, a := range spec.Args {
		p, ok := args[a.Name].(string)
		if a.Type != modspec.Path || !ok || controllerPathArgs[a.Name] || (spec.Name == "fetch" && a.Name == "dest") {
			continue
		}
		if p != "~" && !strings.HasPrefix(p, "~/") {
			continue
		}
		if home == "" {
			res, err := conn.Run(ctx, connection.Command{Cmd: `printf '%s' "$HOME"`, Become: become})
			if err != nil {
				return fmt.Errorf("expand ~ of %s: %w", a.Name, err)
			}
			if home = res.Stdout; home == "" {
				return nil
			}
		}
		args[a.Name] = strings.TrimRight(home, "/") + p[1:]
	}
	return nil
}
