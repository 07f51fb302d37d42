package modules

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// fileState is Ansible's file-module view of info: path, state, mode,
// ownership and size.
func fileState(info hostfile.Info) map[string]any {
	if !info.Exists {
		return map[string]any{"path": info.Path, "state": "absent"}
	}
	state := map[string]string{hostfile.TypeDir: "directory", hostfile.TypeLink: "link"}[info.Type]
	if state == "" {
		state = "file"
	}
	if state == "file" && info.NLink > 1 {
		state = "hard"
	}
	return map[string]any{
		// add_path_info's '0%03o': "0644", "01444" with the sticky bit
		"path": info.Path, "state": state, "mode": fmt.Sprintf("0%03o", info.Mode),
		"owner": info.Owner, "group": info.Group, "uid": info.UID, "gid": info.GID, "size": info.Size,
	}
}

// jsonDiff serialises a before/after state as Ansible's callbacks do
// (sorted keys, four-space indent, trailing newline).
func jsonDiff(v map[string]any) string {
	if len(v) == 0 {
		return ""
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "    ")
	_ = enc.Encode(v) // maps of strings and numbers always encode
	return b.String()
}

// attrDiff is the "(file attributes)" diff of a change, or nil when nothing changed.
func attrDiff(path string, c hostfile.AttrChange) []modspec.Diff {
	if !c.Changed() {
		return nil
	}
	return []modspec.Diff{{
		BeforeHeader: path + " (file attributes)", AfterHeader: path + " (file attributes)",
		Before: jsonDiff(c.Before), After: jsonDiff(c.After),
	}}
}

// withAttrMsg appends Ansible's attribute-change note to a message.
func withAttrMsg(msg string, changed bool, c hostfile.AttrChange) (string, bool) {
	if !c.Changed() {
		return msg, changed
	}
	if changed {
		msg += " and "
	}
	return msg + "ownership, perms or SE linux context changed", true
}
