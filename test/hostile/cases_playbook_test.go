package hostile

import "strings"

// recursiveAlias is the loadCheck reason of YAML aliases inside their own anchor.
const recursiveAlias = "a YAML alias inside its own anchor is an infinitely deep value that cannot be loaded"

// syntaxCheck is the loadCheck reason of template syntax errors.
const syntaxCheck = "a Jinja2 syntax error is a static defect that preflight rejects before any host is touched"

// nestingCheck is the loadCheck reason of template source nested past a
// limit: Jinja2 fails on it with a RecursionError when the task runs;
// edxplay's parser has a nesting limit that preflight reports, naming
// file:line, before any host is touched.
const nestingCheck = "template source nested past the parser's nesting limit is a static defect that preflight rejects " +
	"with a clear limit error naming file:line (Jinja2 fails on it at run time with a RecursionError)"

// staticDefect marks a case whose defect is visible without running
// anything, so a load-time rejection is right even where ansible runs the
// marker first.
func staticDefect(c hostileCase, reason string) hostileCase {
	c.loadCheck = reason
	return c
}

// playbookCases are broken or hostile playbooks, task files and roles.
func playbookCases() []hostileCase {
	cases := []hostileCase{
		{name: "pb-broken-yaml", files: map[string]string{"site.yml": markerPlay("    - debug: {msg: [unclosed\n")}},
		{name: "pb-tab-indent", files: map[string]string{"site.yml": markerPlay("\t- debug: msg=x\n")}},
		{name: "pb-unterminated-quote", files: map[string]string{"site.yml": markerPlay("    - debug:\n        msg: \"open\n")}},
		{name: "pb-top-level-mapping", files: map[string]string{"site.yml": "hosts: all\ntasks: []\n"}},
		{name: "pb-empty", files: map[string]string{"site.yml": ""}, mention: "site.yml"},
		{name: "pb-play-is-string", files: map[string]string{"site.yml": "- just a string\n"}},
		{name: "pb-play-without-hosts", files: map[string]string{"site.yml": "- gather_facts: false\n  tasks:\n" + markerTask}},
		{name: "pb-binary-garbage", files: map[string]string{"site.yml": "\x00\xff\xfe\x01- hosts: all\n"}},
		{name: "pb-duplicate-keys", files: map[string]string{"site.yml": markerPlay("    - debug: msg=a\n      debug: msg=b\n")}},
		{name: "pb-yaml-merge-bomb", files: map[string]string{"site.yml": markerPlayVars(aliasBomb("    ", 10, 9), "")}},
		{name: "pb-yaml-bomb-debug-var", files: map[string]string{"site.yml": markerPlayVars(aliasBomb("    ", 10, 9),
			"    - debug: var=lol9\n")}},
		{name: "pb-yaml-bomb-to-json", files: map[string]string{"site.yml": markerPlayVars(aliasBomb("    ", 10, 9),
			debugMsg("{{ lol9 | to_json | length }}"))}},
		{name: "pb-yaml-recursive-alias", files: map[string]string{"site.yml": markerPlayVars("    r: &r [*r]\n",
			"    - debug: var=r\n")}, loadCheck: recursiveAlias},
		playbookCase("pb-unknown-module", "    - no_such_module_here:\n        x: 1\n"),
		staticDefect(playbookCase("pb-unknown-argument", "    - copy:\n        dest: \"{{ out }}/f\"\n        content: x\n        bogus_arg: 1\n"), "an unknown module argument is rejected at load (as test/e2e bad/04 documents)"),
		playbookCase("pb-unknown-task-keyword", "    - debug: msg=x\n      whenn: true\n"),
		{name: "pb-unknown-play-keyword", files: map[string]string{"site.yml": "- hosts: all\n  gather_facts: false\n  bogus_keyword: 1\n  tasks:\n" + markerTask}},
		playbookCase("pb-two-modules", "    - debug: msg=a\n      command: echo b\n"),
		playbookCase("pb-no-module", "    - name: nothing to do\n"),
		playbookCase("pb-task-is-list", "    - [a, b]\n"),
		playbookCase("pb-block-not-list", "    - block: notalist\n"),
		staticDefect(playbookCase("pb-loop-over-string", "    - debug: msg={{ item }}\n      loop: abc\n"), "loop: is a plain string, neither a list nor a template"),
		playbookCase("pb-loop-undefined", "    - debug: msg={{ item }}\n      loop: \"{{ nope }}\"\n"),
		staticDefect(playbookCase("pb-notify-unknown-handler", "    - command: \"true\"\n      notify: no such handler\n"), "notify names no handler of the play"),
		playbookCase("pb-undefined-var-msg", debugMsg("{{ undefined_variable }}")),
		playbookCase("pb-undefined-var-when", "    - debug: msg=x\n      when: undefined_variable\n"),
		playbookCase("pb-undefined-attr", debugMsg("{{ out.nope.deeper }}")),
		{name: "pb-hosts-undefined-var", files: map[string]string{"site.yml": "- hosts: \"{{ nope }}\"\n  gather_facts: false\n  tasks:\n" + markerTask}},
		{name: "pb-huge-task-name", files: map[string]string{"site.yml": markerPlay("    - name: " + strings.Repeat("n", 1<<20) + "\n      debug: msg=x\n")}},
		{name: "pb-deep-nested-list-var", files: map[string]string{"site.yml": markerPlayVars("    deep: "+nestedFlowList(1000)+"\n",
			"    - debug: msg={{ deep | length }}\n")}},
		{name: "pb-deep-nested-dict-var", files: map[string]string{"site.yml": markerPlayVars("    deep: "+nestedFlowDict(1000)+"\n",
			"    - debug: msg={{ deep | length }}\n")}},
		{name: "pb-deep-nested-block-list", files: map[string]string{"site.yml": markerPlay(""), "vars.yml": "deep:\n" + nestedBlockList(1000)},
			args: []string{"-e", "@vars.yml"}},
		{name: "pb-deep-nested-blocks", files: map[string]string{"site.yml": markerPlay(nestedBlocks(1000))}},
		staticDefect(playbookCase("pb-deep-jinja-brackets", debugMsg("{{ "+nestedFlowList(1000)+" }}")), nestingCheck),
		staticDefect(playbookCase("pb-deep-jinja-parens", debugMsg("{{ "+strings.Repeat("(", 1000)+"1"+strings.Repeat(")", 1000)+" }}")), nestingCheck),
		staticDefect(playbookCase("pb-deep-jinja-dicts", debugMsg("{{ "+nestedJinjaDict(1000)+" }}")), nestingCheck),
		staticDefect(playbookCase("pb-deep-jinja-unclosed", debugMsg("{{ "+strings.Repeat("[", 1000)+" }}")), syntaxCheck),
		{name: "pb-recursive-vars", files: map[string]string{"site.yml": markerPlayVars("    a: \"{{ b }}\"\n    b: \"{{ a }}\"\n", debugMsg("{{ a }}"))}},
		{name: "pb-self-recursive-var", files: map[string]string{"site.yml": markerPlayVars("    a: \"{{ a }}\"\n", debugMsg("{{ a }}"))}},
		{name: "pb-recursive-var-debug-var", files: map[string]string{"site.yml": markerPlayVars("    a: \"{{ b }}\"\n    b: \"{{ a }}\"\n", "    - debug: var=a\n")}},
		{name: "pb-recursive-var-when", files: map[string]string{"site.yml": markerPlayVars("    a: \"{{ b }}\"\n    b: \"{{ a }}\"\n", "    - debug: msg=x\n      when: a\n")}},
		{name: "pb-recursive-var-via-hostvars", files: map[string]string{"site.yml": markerPlayVars(
			"    x: \"{{ hostvars[inventory_hostname].x }}\"\n", debugMsg("{{ x }}"))}},
		{name: "pb-recursive-task-vars", files: map[string]string{"site.yml": markerPlay(
			"    - debug: msg={{ a }}\n      vars:\n        a: \"{{ b }}\"\n        b: \"{{ a }}\"\n")}},
		{name: "pb-include-tasks-self", files: map[string]string{"site.yml": markerPlay("    - include_tasks: self.yml\n"),
			"self.yml": "- debug: msg=again\n- include_tasks: self.yml\n"}},
		{name: "pb-import-tasks-self", files: map[string]string{"site.yml": markerPlay("    - import_tasks: self.yml\n"),
			"self.yml": "- import_tasks: self.yml\n"}},
		{name: "pb-import-playbook-self", files: map[string]string{"site.yml": markerPlay("") + "- import_playbook: site.yml\n"}},
		{name: "pb-include-tasks-missing", files: map[string]string{"site.yml": markerPlay("    - include_tasks: nowhere.yml\n")}},
		{name: "pb-vars-files-missing", mention: "nowhere.yml", files: map[string]string{"site.yml": "- hosts: all\n  gather_facts: false\n  vars_files: [nowhere.yml]\n  tasks:\n" + markerTask}},
		{name: "pb-vars-files-broken", files: map[string]string{"site.yml": "- hosts: all\n  gather_facts: false\n  vars_files: [v.yml]\n  tasks:\n" + markerTask,
			"v.yml": "a: [unclosed\n"}},
		{name: "pb-include-vars-broken", files: map[string]string{"site.yml": markerPlay("    - include_vars: v.yml\n"), "v.yml": "{a: 1\n"}},
		{name: "pb-extra-vars-missing-file", args: []string{"-e", "@nowhere.yml"}, mention: "nowhere.yml"},
		{name: "pb-extra-vars-broken-json", args: []string{"-e", "{\"a\": [1,"}, mention: "extra vars"},
		{name: "role-depends-on-itself", files: map[string]string{"site.yml": "- hosts: all\n  gather_facts: false\n  pre_tasks:\n" + markerTask + "  roles: [r]\n",
			"roles/r/meta/main.yml": "dependencies: [r]\n", "roles/r/tasks/main.yml": "- debug: msg=r\n"}},
		{name: "role-mutual-dependency", files: map[string]string{"site.yml": "- hosts: all\n  gather_facts: false\n  pre_tasks:\n" + markerTask + "  roles: [a]\n",
			"roles/a/meta/main.yml": "dependencies: [b]\n", "roles/a/tasks/main.yml": "- debug: msg=a\n",
			"roles/b/meta/main.yml": "dependencies: [a]\n", "roles/b/tasks/main.yml": "- debug: msg=b\n"}},
		{name: "role-includes-itself", files: map[string]string{"site.yml": markerPlay("    - include_role: {name: r}\n"),
			"roles/r/tasks/main.yml": "- debug: msg=r\n- include_role: {name: r}\n"}},
		{name: "role-missing", files: map[string]string{"site.yml": "- hosts: all\n  gather_facts: false\n  pre_tasks:\n" + markerTask + "  roles: [no_such_role]\n"}},
		{name: "role-meta-broken", files: map[string]string{"site.yml": "- hosts: all\n  gather_facts: false\n  pre_tasks:\n" + markerTask + "  roles: [r]\n",
			"roles/r/meta/main.yml": "dependencies: [unclosed\n", "roles/r/tasks/main.yml": "- debug: msg=r\n"}},
		playbookCase("pb-debug-var-hostvars", "    - debug: var=hostvars\n"),
		playbookCase("pb-hostvars-self-to-json", debugMsg("{{ hostvars[inventory_hostname] | to_json }}")),
		playbookCase("pb-hostvars-to-json", debugMsg("{{ hostvars | to_json }}")),
		playbookCase("pb-vars-to-json", debugMsg("{{ vars | to_json }}")),
		playbookCase("pb-hostvars-to-nice-yaml", debugMsg("{{ hostvars | to_nice_yaml }}")),
		playbookCase("pb-huge-range", debugMsg("{{ range(10000000000) | list | length }}")),
		playbookCase("pb-huge-string-repeat", debugMsg("{{ 'a' * 10000000000 }}")),
		playbookCase("pb-huge-power", debugMsg("{{ 10 ** 10 ** 10 }}")),
		playbookCase("pb-huge-sequence-loop", "    - debug: msg={{ item }}\n      with_sequence: count=100000000000\n"),
		staticDefect(playbookCase("pb-until-bad-retries", "    - command: \"true\"\n      register: r\n      until: r.rc == 0\n      retries: notanumber\n"), "retries: is not an integer"),
	}
	return append(cases, jinjaSyntaxCases()...)
}

// jinjaSyntaxCases are bad Jinja2 expressions in the places a task holds
// them: debug var=, until:, when:, msg, and loops.
func jinjaSyntaxCases() []hostileCase {
	withCheck := func(c hostileCase) hostileCase { return staticDefect(c, syntaxCheck) }
	return []hostileCase{
		withCheck(playbookCase("jinja-debug-var-open-brace-is", "    - debug:\n        var: \"{0 is \"\n")),
		withCheck(playbookCase("jinja-debug-var-open-bracket-is", "    - debug:\n        var: \"[0 is \"\n")),
		withCheck(playbookCase("jinja-debug-var-inline", "    - debug: var={0 is\n")),
		withCheck(playbookCase("jinja-until-open-brace-is", "    - command: \"true\"\n      register: r\n      until: \"{0 is \"\n      retries: 1\n      delay: 0\n")),
		withCheck(playbookCase("jinja-until-open-bracket-is", "    - command: \"true\"\n      register: r\n      until: \"[0 is \"\n      retries: 1\n      delay: 0\n")),
		withCheck(playbookCase("jinja-when-open-brace-is", "    - debug: msg=x\n      when: \"{0 is \"\n")),
		withCheck(playbookCase("jinja-msg-open-brace-is", debugMsg("{{ {0 is }}"))),
		withCheck(playbookCase("jinja-msg-unclosed-call", debugMsg("{{ lookup( }}"))),
		withCheck(playbookCase("jinja-msg-empty-expr", debugMsg("{{ }}"))),
		withCheck(playbookCase("jinja-msg-unclosed-expr", debugMsg("{{ 1 + "))),
		withCheck(playbookCase("jinja-msg-if-without-test", debugMsg("{% if %}x{% endif %}"))),
		withCheck(playbookCase("jinja-msg-for-unclosed", debugMsg("{% for i in [1] %}x"))),
		withCheck(playbookCase("jinja-msg-unknown-tag", debugMsg("{% frobnicate %}"))),
		playbookCase("jinja-msg-unknown-filter", debugMsg("{{ 1 | no_such_filter }}")),
		playbookCase("jinja-msg-unknown-test", debugMsg("{{ 1 is no_such_test }}")),
		withCheck(playbookCase("jinja-loop-syntax", "    - debug: msg={{ item }}\n      loop: \"{{ [1, 2 }}\"\n")),
		withCheck(playbookCase("jinja-changed-when-syntax", "    - command: \"true\"\n      changed_when: \"[0 is \"\n")),
		withCheck(playbookCase("jinja-failed-when-syntax", "    - command: \"true\"\n      failed_when: \"{0 is \"\n")),
	}
}
