package conformance

import "github.com/edxplay/edxplay/internal/modspec"

// str makes an expected file content.
func str(s string) *string { return &s }

// Cases returns the conformance table.
func Cases() []Case {
	var cases []Case
	for _, group := range [][]Case{simpleCases(), commandCases(), copyCases(), fileCases(), editCases()} {
		cases = append(cases, group...)
	}
	return cases
}

func simpleCases() []Case {
	return []Case{
		{Name: "msg", Module: "debug", Args: map[string]any{"msg": "hi"}, WantMsg: "hi", WantData: map[string]any{"msg": "hi"}},
		{Name: "var", Module: "debug", Args: map[string]any{"var": "greeting"}, WantData: map[string]any{"greeting": "hello"}},
		{Name: "undefined var", Module: "debug", Args: map[string]any{"var": "nope"}, WantData: map[string]any{"nope": "VARIABLE IS NOT DEFINED!"}},
		{Name: "facts", Module: "set_fact", Args: map[string]any{"a": "yes", "b": 2}, WantData: map[string]any{"ansible_facts": map[string]any{"a": true, "b": 2}}},
		{Name: "fails", Module: "fail", Args: map[string]any{"msg": "boom"}, WantFailed: true, WantMsg: "boom"},
		{Name: "passes", Module: "assert", Args: map[string]any{"that": []any{"ok", "true"}}, WantMsg: "All assertions passed"},
		{Name: "fails", Module: "assert", Args: map[string]any{"that": []any{"ok", "not_ok"}, "fail_msg": "nope"}, WantFailed: true,
			WantMsg: "nope", WantData: map[string]any{"assertion": "not_ok", "evaluated_to": false}},
		{Name: "exists", Module: "stat", Setup: map[string]string{"f": "hello\n"}, Args: map[string]any{"path": "@DIR@/f"},
			WantStat: map[string]any{"exists": true, "isreg": true, "isdir": false, "mode": "0644", "size": int64(6), "path": "@DIR@/f",
				"checksum": "f572d396fae9206628714fb2ce00f72e94f2258f", "roth": true, "woth": false}},
		{Name: "missing", Module: "stat", Args: map[string]any{"path": "@DIR@/nope"}, WantData: map[string]any{"stat": map[string]any{"exists": false}}},
		{Name: "sha256", Module: "stat", Setup: map[string]string{"f": "hello\n"}, Args: map[string]any{"path": "@DIR@/f", "checksum_algorithm": "sha256"},
			WantStat: map[string]any{"checksum": "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"}},
	}
}

func commandCases() []Case {
	return []Case{
		// no shell interprets the words; run_command expands set variables only
		{Name: "argv quoting", Module: "command", Args: map[string]any{"_raw_params": `printf '%s|' "a b;" $EDX_UNSET_VAR`},
			NotIdempotent: true, NoDiff: true, WantData: map[string]any{"stdout": "a b;|$EDX_UNSET_VAR|", "rc": 0,
				"cmd": []any{"printf", "%s|", "a b;", "$EDX_UNSET_VAR"}, "stdout_lines": []string{"a b;|$EDX_UNSET_VAR|"}}},
		{Name: "creates", Module: "command", Args: map[string]any{"_raw_params": "touch @DIR@/made", "creates": "@DIR@/made"},
			NoDiff: true, Want: map[string]*string{"made": str("")}},
		{Name: "removes glob", Module: "shell", Setup: map[string]string{"x.tmp": "x"},
			Args: map[string]any{"cmd": "rm -f *.tmp", "chdir": "@DIR@", "removes": "*.tmp"}, NoDiff: true, Want: map[string]*string{"x.tmp": nil}},
		{Name: "pipes and stdin", Module: "shell", Args: map[string]any{"_raw_params": "tr a-z A-Z | tee @DIR@/out", "stdin": "abc"},
			NotIdempotent: true, NoDiff: true, WantData: map[string]any{"stdout": "ABC"}, Want: map[string]*string{"out": str("ABC\n")}},
		{Name: "non-zero rc", Module: "shell", Args: map[string]any{"_raw_params": "echo err >&2; exit 3"},
			WantFailed: true, WantMsg: "non-zero return code", WantData: map[string]any{"rc": 3, "stderr": "err"}},
	}
}

func copyCases() []Case {
	return []Case{
		{Name: "content new file", Module: "copy", Args: map[string]any{"content": "abc\n", "dest": "@DIR@/f", "mode": "0600"},
			Want: map[string]*string{"f": str("abc\n")}, WantData: map[string]any{"dest": "@DIR@/f", "checksum": "03cfd743661f07975fa2f1220c5194cbaff48451", "mode": "0600"}},
		{Name: "content replaces", Module: "copy", Setup: map[string]string{"f": "old\n"}, Args: map[string]any{"content": "new\n", "dest": "@DIR@/f", "backup": true},
			Want: map[string]*string{"f": str("new\n")}},
		{Name: "force no keeps file", Module: "copy", Setup: map[string]string{"f": "old\n"}, Args: map[string]any{"content": "new\n", "dest": "@DIR@/f", "force": false},
			Want: map[string]*string{"f": str("old\n")}},
		{Name: "mode only", Module: "copy", Setup: map[string]string{"f": "same\n"}, Args: map[string]any{"content": "same\n", "dest": "@DIR@/f", "mode": "u=rwx,g=rx,o="},
			WantData: map[string]any{"mode": "0750"}},
		{Name: "src into dir", Module: "copy", Setup: map[string]string{"d/": ""}, Local: map[string]string{"files/motd": "welcome\n"},
			Args: map[string]any{"src": "motd", "dest": "@DIR@/d"}, Want: map[string]*string{"d/motd": str("welcome\n")}},
		{Name: "tree without slash", Module: "copy", Local: map[string]string{"files/tree/a": "A", "files/tree/sub/b": "B"},
			Args: map[string]any{"src": "tree", "dest": "@DIR@/out/"}, Want: map[string]*string{"out/tree/a": str("A"), "out/tree/sub/b": str("B")}},
		{Name: "tree contents", Module: "copy", Setup: map[string]string{"out/": ""}, Local: map[string]string{"files/tree/a": "A", "files/tree/sub/b": "B"},
			Args: map[string]any{"src": "tree/", "dest": "@DIR@/out"}, Want: map[string]*string{"out/a": str("A"), "out/sub/b": str("B")}},
		{Name: "remote src", Module: "copy", Setup: map[string]string{"src": "R\n"}, Args: map[string]any{"src": "@DIR@/src", "dest": "@DIR@/dst", "remote_src": true},
			Want: map[string]*string{"dst": str("R\n")}},
		{Name: "validate fails", Module: "copy", Args: map[string]any{"content": "x", "dest": "@DIR@/f", "validate": "false %s"},
			WantFailed: true, Want: map[string]*string{"f": nil}},
		{Name: "missing dest dir", Module: "copy", Args: map[string]any{"content": "x", "dest": "@DIR@/no/f"},
			WantFailed: true, WantMsg: "Destination directory @DIR@/no does not exist"},
		{Name: "render", Module: "template", Local: map[string]string{"templates/t.j2": "say {{ greeting }}\n"},
			Args: map[string]any{"src": "t.j2", "dest": "@DIR@/t.conf"}, Want: map[string]*string{"t.conf": str("say hello\n")},
			WantDiffs: []modspec.Diff{{BeforeHeader: "@DIR@/t.conf", AfterHeader: "@LOCAL@/templates/t.j2", After: "say hello\n"}}},
	}
}

func fileCases() []Case {
	return []Case{
		{Name: "directory with parents", Module: "file", Args: map[string]any{"path": "@DIR@/a/b", "state": "directory", "mode": "0750"},
			Want: map[string]*string{"a/": str(""), "a/b/": str("")}, WantData: map[string]any{"mode": "0750", "state": "directory"}},
		{Name: "recurse mode", Module: "file", Setup: map[string]string{"d/x": "x", "d/s/y": "y"},
			Args: map[string]any{"path": "@DIR@/d", "state": "directory", "recurse": true, "mode": "u=rwX,g=rX,o="}},
		{Name: "absent", Module: "file", Setup: map[string]string{"d/x": "x"}, Args: map[string]any{"path": "@DIR@/d", "state": "absent"},
			Want: map[string]*string{"d/": nil}},
		{Name: "symlink", Module: "file", Setup: map[string]string{"target": "t"}, Args: map[string]any{"path": "@DIR@/l", "src": "target", "state": "link"},
			WantData: map[string]any{"state": "link", "src": "target"}},
		{Name: "symlink retarget", Module: "file", Setup: map[string]string{"t1": "1", "t2": "2"},
			Args: map[string]any{"path": "@DIR@/t1", "src": "t2", "state": "link", "force": true}},
		{Name: "symlink over file refused", Module: "file", Setup: map[string]string{"f": "1", "t": "2"},
			Args: map[string]any{"path": "@DIR@/f", "src": "t", "state": "link"}, WantFailed: true, WantMsg: "refusing to convert from file to symlink for @DIR@/f"},
		{Name: "hard link", Module: "file", Setup: map[string]string{"t": "2"}, Args: map[string]any{"path": "@DIR@/h", "src": "@DIR@/t", "state": "hard"},
			Want: map[string]*string{"h": str("2")}},
		{Name: "touch", Module: "file", Args: map[string]any{"path": "@DIR@/new", "state": "touch", "mode": "0640"}, NotIdempotent: true,
			Want: map[string]*string{"new": str("")}, WantData: map[string]any{"mode": "0640"}},
		{Name: "file missing", Module: "file", Args: map[string]any{"path": "@DIR@/nope", "mode": "0600"}, WantFailed: true,
			WantMsg: "file (@DIR@/nope) is absent, cannot continue"},
		{Name: "file mode", Module: "file", Setup: map[string]string{"f": ""}, Args: map[string]any{"path": "@DIR@/f", "mode": "0600"}},
		{Name: "dir diff", Module: "file", Args: map[string]any{"path": "@DIR@/n", "state": "directory"},
			WantDiffs: []modspec.Diff{{Before: "{\n    \"path\": \"@DIR@/n\",\n    \"state\": \"absent\"\n}\n", After: "{\n    \"path\": \"@DIR@/n\",\n    \"state\": \"directory\"\n}\n"}}},
	}
}

func editCases() []Case {
	return []Case{
		{Name: "add line", Module: "lineinfile", Setup: map[string]string{"f": "a\nb\n"}, Args: map[string]any{"path": "@DIR@/f", "line": "c"},
			WantMsg: "line added", Want: map[string]*string{"f": str("a\nb\nc\n")},
			WantDiffs: []modspec.Diff{{BeforeHeader: "@DIR@/f (content)", AfterHeader: "@DIR@/f (content)", Before: "a\nb\n", After: "a\nb\nc\n"}}},
		{Name: "mode change diff", Module: "lineinfile", Setup: map[string]string{"f": "a\n"}, Args: map[string]any{"path": "@DIR@/f", "line": "a", "mode": "0600"},
			WantMsg: "ownership, perms or SE linux context changed",
			WantDiffs: []modspec.Diff{{BeforeHeader: "@DIR@/f (content)", AfterHeader: "@DIR@/f (content)", Before: "a\n", After: "a\n"},
				{BeforeHeader: "@DIR@/f (file attributes)", AfterHeader: "@DIR@/f (file attributes)", Before: "{\n    \"mode\": \"0644\"\n}\n", After: "{\n    \"mode\": \"0600\"\n}\n"}}},
		{Name: "replace line", Module: "lineinfile", Setup: map[string]string{"f": "a=1\nb=2\n"}, Args: map[string]any{"path": "@DIR@/f", "regexp": "^a=", "line": "a=9"},
			WantMsg: "line replaced", Want: map[string]*string{"f": str("a=9\nb=2\n")}},
		{Name: "create with mode", Module: "lineinfile", Args: map[string]any{"path": "@DIR@/sub/f", "line": "x", "create": true, "mode": "0600"},
			WantMsg: "line added and ownership, perms or SE linux context changed", Want: map[string]*string{"sub/f": str("x\n")}},
		{Name: "remove lines", Module: "lineinfile", Setup: map[string]string{"f": "a\n#b\n#c\n"}, Args: map[string]any{"path": "@DIR@/f", "regexp": "^#", "state": "absent"},
			WantMsg: "2 line(s) removed", WantData: map[string]any{"found": 2}, Want: map[string]*string{"f": str("a\n")}},
		{Name: "missing file", Module: "lineinfile", Args: map[string]any{"path": "@DIR@/nope", "line": "x"}, WantFailed: true,
			WantMsg: "Destination @DIR@/nope does not exist !"},
		{Name: "insert block", Module: "blockinfile", Setup: map[string]string{"f": "a\n"}, Args: map[string]any{"path": "@DIR@/f", "block": "x\ny"},
			WantMsg: "Block inserted", Want: map[string]*string{"f": str("a\n# BEGIN ANSIBLE MANAGED BLOCK\nx\ny\n# END ANSIBLE MANAGED BLOCK\n")}},
		{Name: "remove block", Module: "blockinfile", Setup: map[string]string{"f": "a\n# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\nz\n"},
			Args: map[string]any{"path": "@DIR@/f", "state": "absent"}, WantMsg: "Block removed", Want: map[string]*string{"f": str("a\nz\n")}},
		{Name: "regexp groups", Module: "replace", Setup: map[string]string{"f": "host old.example\nold.example\n"},
			Args:    map[string]any{"path": "@DIR@/f", "regexp": `^(\w+) old\.example$`, "replace": `\1 new.example`},
			WantMsg: "1 replacements made", Want: map[string]*string{"f": str("host new.example\nold.example\n")}},
		{Name: "after marker", Module: "replace", Setup: map[string]string{"f": "x\n[s]\nx\n"},
			Args:    map[string]any{"path": "@DIR@/f", "regexp": "^x$", "replace": "y", "after": `\[s\]`},
			WantMsg: "1 replacements made", Want: map[string]*string{"f": str("x\n[s]\ny\n")}},
	}
}
