package modules

import (
	"bytes"
	"context"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/pyregex"
)

// BlockInFile inserts, updates or removes a block of lines between markers.
type BlockInFile struct{}

// Spec describes blockinfile's arguments.
func (BlockInFile) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "blockinfile",
		Short: "Insert/update/remove a text block surrounded by marker lines",
		Args: append([]modspec.Arg{
			{Name: "path", Type: modspec.Path, Required: true, Aliases: []string{"dest", "destfile", "name"}, Doc: "The file to modify."},
			{Name: "state", Type: modspec.String, Default: "present", Choices: []string{"absent", "present"}, Doc: "Whether the block should be there."},
			{Name: "marker", Type: modspec.String, Default: "# {mark} ANSIBLE MANAGED BLOCK", Doc: "Marker line template; {mark} becomes marker_begin/marker_end."},
			{Name: "block", Type: modspec.String, Default: "", Aliases: []string{"content"}, Doc: "The text to put between the markers."},
			{Name: "insertafter", Type: modspec.String, Doc: "Insert after the last line matching this regexp, or EOF."},
			{Name: "insertbefore", Type: modspec.String, Doc: "Insert before the last line matching this regexp, or BOF."},
			{Name: "create", Type: modspec.Bool, Default: false, Doc: "Create the file when missing."},
			{Name: "backup", Type: modspec.Bool, Default: false, Doc: "Keep a timestamped backup."},
			{Name: "validate", Type: modspec.String, Doc: "Command validating the new file (%s is its path)."},
			{Name: "marker_begin", Type: modspec.String, Default: "BEGIN", Doc: "Replaces {mark} in the opening marker."},
			{Name: "marker_end", Type: modspec.String, Default: "END", Doc: "Replaces {mark} in the closing marker."},
		}, fileAttrArgs()...),
		MutuallyExclusive: [][]string{{"insertbefore", "insertafter"}},
		Example:           "- blockinfile:\n    path: /etc/ssh/sshd_config\n    block: |\n      Match User ansible-agent\n      PasswordAuthentication no\n",
	}
}

// Run places or removes the marked block.
func (b BlockInFile) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, b, call)
}

// Describe reads the file and describes the edit, changing nothing.
func (BlockInFile) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	p := a.str("path")
	t, failed, err := loadEditable(ctx, call, p)
	if err != nil || failed != nil {
		return reported(failed), err
	}
	if !t.info.Exists && !a.boolean("create") {
		return reported(failedResult(257, "Path %s does not exist !", p)), nil
	}
	present := a.str("state") != "absent"
	if !present && !t.info.Exists {
		return reported(&Result{Msg: "File " + p + " not present"}), nil
	}
	lines := splitKeepNL(t.content)
	blockLines := markedBlock(a, present)
	n0, err := blockPosition(a, t.content, &lines)
	if err != nil {
		return nil, err
	}
	if n0 > 0 && !bytes.HasSuffix(lines[n0-1], []byte("\n")) {
		lines[n0-1] = append(append([]byte{}, lines[n0-1]...), '\n')
	}
	lines = append(lines[:n0], append(blockLines, lines[n0:]...)...)
	result := bytes.Join(lines, nil)
	changed, msg := true, "Block inserted"
	switch {
	case t.info.Exists && bytes.Equal(t.content, result):
		changed, msg = false, ""
	case !t.info.Exists:
		msg = "File created"
	case len(blockLines) == 0:
		msg = "Block removed"
	}
	return describeEdit(ctx, t, a, edit{before: t.content, after: result, changed: changed, msg: msg, data: map[string]any{}, adapt: backupFileKey})
}

// markedBlock is the block with its markers, or nothing when absent/empty.
func markedBlock(a args, present bool) [][]byte {
	block := a.str("block")
	if !present || block == "" {
		return nil
	}
	marker := a.str("marker")
	begin := strings.ReplaceAll(marker, "{mark}", a.str("marker_begin")) + "\n"
	end := strings.ReplaceAll(marker, "{mark}", a.str("marker_end")) + "\n"
	if !strings.HasSuffix(block, "\n") {
		block += "\n"
	}
	out := [][]byte{[]byte(begin)}
	out = append(out, splitKeepNL([]byte(block))...)
	return append(out, []byte(end))
}

// blockPosition removes an existing block from lines and returns where
// the block goes: the old block's place, or after/before the anchor.
func blockPosition(a args, original []byte, lines *[][]byte) (int, error) {
	marker := a.str("marker")
	begin := []byte(strings.ReplaceAll(marker, "{mark}", a.str("marker_begin")) + "\n")
	end := []byte(strings.ReplaceAll(marker, "{mark}", a.str("marker_end")) + "\n")
	n0, n1 := -1, -1
	for i, l := range *lines {
		if bytes.Equal(l, begin) {
			n0 = i
		}
		if bytes.Equal(l, end) {
			n1 = i
		}
	}
	switch {
	case n0 == -1 || n1 == -1:
		return anchorPosition(a, original, *lines)
	case n0 < n1:
		*lines = append((*lines)[:n0], (*lines)[n1+1:]...)
		return n0, nil
	default:
		*lines = append((*lines)[:n1], (*lines)[n0+1:]...)
		return n1, nil
	}
}

// anchorPosition finds the insertion line for a block not yet in the file.
func anchorPosition(a args, original []byte, lines [][]byte) (int, error) {
	after, before := a.str("insertafter"), a.str("insertbefore")
	if after == "" && before == "" {
		after = "EOF"
	}
	var re *pyregex.Regexp
	var err error
	switch {
	case after != "" && after != "EOF":
		re, err = pyregex.Compile(after, 0)
	case before != "" && before != "BOF":
		re, err = pyregex.Compile(before, 0)
	case before == "BOF":
		return 0, nil
	default:
		return len(lines), nil
	}
	if err != nil {
		return 0, err
	}
	n0 := -1
	if strings.HasPrefix(after+before, "(?m") {
		if m := re.FindIndex(original); m != nil {
			n0 = bytes.Count(original[:m[1]], []byte("\n"))
			if after == "" {
				n0 = bytes.Count(original[:m[0]], []byte("\n"))
			}
		}
	} else {
		for i, l := range lines {
			if _, m := searchLine(re, l); m != nil {
				n0 = i
			}
		}
	}
	switch {
	case n0 == -1:
		return len(lines), nil
	case after != "":
		return n0 + 1, nil
	}
	return n0, nil
}

// backupFileKey reports the backup as backup_file, as blockinfile and
// replace do.
func backupFileKey(res *Result) *Result {
	if b, _ := res.Data["backup"].(string); b != "" {
		res.Data["backup_file"] = b
	}
	delete(res.Data, "backup")
	return res
}
