package report

// ANSI colors as ansible-playbook uses them.
const (
	red    = "\033[0;31m"
	green  = "\033[0;32m"
	yellow = "\033[0;33m"
	cyan   = "\033[0;36m"
	purple = "\033[0;35m"
	reset  = "\033[0m"
)

// paint wraps s in a color when colors are on.
func (h *Human) paint(color, s string) string {
	if !h.color {
		return s
	}
	return color + s + reset
}
