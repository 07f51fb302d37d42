package engine

import "fmt"

// predictedState is what a check-mode task's description says a path
// will be once the task has run: its type and, when the task sets it,
// its mode.
type predictedState struct {
	// state is "file", "directory", "link" or "absent".
	state string
	mode  string
}

// predictedAfter is the state a changing file task leaves its path in,
// from its arguments (what its description is made of); ok is false
// when the module's effect on the path is not predicted. Only the file
// module's is: after copy or template, ansible-core's check_mode target
// requires stat to see the file as it is (not predicted), and edxplay
// reports such a stat unknown.
func predictedAfter(module string, args map[string]any) (predictedState, bool) {
	if module != "file" {
		return predictedState{}, false
	}
	mode, _ := args["mode"].(string)
	switch state, _ := args["state"].(string); state {
	case "directory", "absent", "link":
		return predictedState{state: state, mode: mode}, true
	case "touch":
		return predictedState{state: "file", mode: mode}, true
	}
	return predictedState{}, false
}

// predictedStat is stat's result for a path an earlier task would leave
// in state st: the keys the prediction knows (exists, the type flags,
// path and, when set, mode); check_mode_predicted marks it.
func predictedStat(p string, st predictedState) map[string]any {
	if st.state == "absent" {
		return map[string]any{"changed": false, "check_mode_predicted": true, "stat": map[string]any{"exists": false}}
	}
	stat := map[string]any{"exists": true, "path": p, "isdir": st.state == "directory",
		"isreg": st.state == "file", "islnk": st.state == "link"}
	if octal(st.mode) {
		stat["mode"] = fmt.Sprintf("%04s", st.mode)
	}
	return map[string]any{"changed": false, "check_mode_predicted": true, "stat": stat}
}

// octal reports whether mode is an octal number of at most 4 digits.
func octal(mode string) bool {
	if mode == "" || len(mode) > 4 {
		return false
	}
	for _, c := range mode {
		if c < '0' || c > '7' {
			return false
		}
	}
	return true
}
