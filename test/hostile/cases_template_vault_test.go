package hostile

import "strings"

// vaultFile is "vaulted_var: hidden-value\n" encrypted by ansible-vault
// 2.14 with the password "right".
const vaultFile = `$ANSIBLE_VAULT;1.1;AES256
37393766336230346535303065396135376561386334346431316364373465396136643739353832
3661636434613635373165623834626162303439396361610a373434643939646632643931326138
63383833383831353761643934663962326561613662303034323834396339376135316365643535
6636633661373231390a313537366337396637363662326238323634613931306537613033626139
34373533376234633133303330393837353430653237633063626136643832326531
`

// vaultInline is `ansible-vault encrypt_string 'inline-secret'` with the password "right".
const vaultInline = `!vault |
          $ANSIBLE_VAULT;1.1;AES256
          65383937613661363630623031643436636139633033643261613065636661343137393335303130
          3532656666393232363463356235646238343237666433380a353335363231383037356530663831
          33656464396335646235376433633661356134663936636235303864393337373938643333386262
          3938306137363032300a626637653261356535613562383264346231346630323337623437646533
          3931
`

// undecryptable is the loadCheck reason of vault data that cannot be decrypted.
const undecryptable = "vault data that cannot be decrypted is rejected when its file is loaded"

// templateCase is a case whose hostile input is the template t.j2.
func templateCase(name, tmpl string, extra map[string]string) hostileCase {
	files := map[string]string{"t.j2": tmpl,
		"site.yml": markerPlay("    - template:\n        src: t.j2\n        dest: \"{{ out }}/t.txt\"\n")}
	for k, v := range extra {
		files[k] = v
	}
	return hostileCase{name: name, files: files}
}

// vaultCase is a case that loads vars.yml through vars_files with the
// vault password in pw. An error about a wholly vaulted file has no line
// to name: it must name the file.
func vaultCase(name, vars, password string) hostileCase {
	mention := ""
	if strings.HasPrefix(vars, "$ANSIBLE_VAULT") {
		mention = "vars.yml"
	}
	return hostileCase{name: name, mention: mention, args: []string{"--vault-password-file", "pw"}, files: map[string]string{
		"pw":       password + "\n",
		"vars.yml": vars,
		"site.yml": "- hosts: all\n  gather_facts: false\n  vars_files: [vars.yml]\n  tasks:\n" + markerTask +
			debugMsg("{{ vaulted_var | default('none') }}"),
	}}
}

// templateCases are broken or hostile template files.
func templateCases() []hostileCase {
	return []hostileCase{
		staticDefect(templateCase("tpl-syntax-error", "{{ 1 + }}\n", nil), syntaxCheck),
		staticDefect(templateCase("tpl-open-brace-is", "{{ {0 is }}\n", nil), syntaxCheck),
		staticDefect(templateCase("tpl-unclosed-block", "{% if true %}never closed\n", nil), syntaxCheck),
		templateCase("tpl-undefined-var", "{{ undefined_variable }}\n", nil),
		templateCase("tpl-include-self", "x{% include 't.j2' %}\n", nil),
		staticDefect(templateCase("tpl-extends-self", "{% extends 't.j2' %}\n", nil), "a template that extends itself "+
			"is a static defect: parsing it never ends, so preflight rejects the loop naming file:line (Jinja2 fails "+
			"with a RecursionError when the task runs)"),
		templateCase("tpl-recursive-macro", "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}\n", nil),
		templateCase("tpl-mutual-include", "{% include 'u.j2' %}\n", map[string]string{"u.j2": "{% include 't.j2' %}\n"}),
		staticDefect(templateCase("tpl-deep-ifs", nestedIfs(1000), nil), nestingCheck),
		staticDefect(templateCase("tpl-deep-brackets", "{{ "+nestedFlowList(1000)+" }}\n", nil), nestingCheck),
		staticDefect(templateCase("tpl-binary-garbage", "\x00\xff\xfe{{ \x00 }}\n", nil), syntaxCheck),
		templateCase("tpl-huge-loop", "{% for i in range(10000000000) %}x{% endfor %}\n", nil),
		templateCase("tpl-hostvars-to-json", "{{ hostvars | to_json }}\n", nil),
		{name: "tpl-missing-src", files: map[string]string{"site.yml": markerPlay("    - template:\n        src: nowhere.j2\n        dest: \"{{ out }}/t.txt\"\n")}},
	}
}

// vaultCases are broken vault files and passwords.
func vaultCases() []hostileCase {
	lines := strings.Split(vaultFile, "\n")
	return []hostileCase{
		vaultCase("vault-ok-control", vaultFile, "right"),
		vaultCase("vault-wrong-password", vaultFile, "wrong"),
		vaultCase("vault-truncated", strings.Join(lines[:3], "\n")+"\n", "right"),
		vaultCase("vault-truncated-mid-line", vaultFile[:len(vaultFile)/2], "right"),
		vaultCase("vault-bad-hex", strings.Replace(vaultFile, "3739376633", "zz97qq66gg", 1), "right"),
		vaultCase("vault-odd-hex", lines[0]+"\n"+lines[1][:79]+"\n", "right"),
		vaultCase("vault-bad-header", strings.Replace(vaultFile, "$ANSIBLE_VAULT;1.1;AES256", "$ANSIBLE_VAULT;9.9;ROT13", 1), "right"),
		vaultCase("vault-header-only", "$ANSIBLE_VAULT;1.1;AES256\n", "right"),
		withMention(vaultCase("vault-empty-password", vaultFile, ""), "(pw)"),
		staticDefect(vaultCase("vault-inline-wrong-password", "vaulted_var: "+vaultInline, "wrong"), undecryptable),
		staticDefect(vaultCase("vault-inline-garbage", "vaulted_var: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  nothex\n", "right"), undecryptable),
		{name: "vault-no-password", mention: "vars.yml", files: map[string]string{"vars.yml": vaultFile,
			"site.yml": "- hosts: all\n  gather_facts: false\n  vars_files: [vars.yml]\n  tasks:\n" + markerTask}},
	}
}

// withMention sets what an error must mention instead of file:line.
func withMention(c hostileCase, mention string) hostileCase {
	c.mention = mention
	return c
}

// allCases is the whole sweep.
func allCases() []hostileCase {
	var all []hostileCase
	for _, group := range [][]hostileCase{inventoryCases(), playbookCases(), templateCases(), vaultCases()} {
		all = append(all, group...)
	}
	return all
}
