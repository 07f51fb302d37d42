package hostile

import (
	"strconv"
	"strings"
)

// iniCase is a case whose hostile input is the INI inventory.
func iniCase(name, inventory string) hostileCase {
	return hostileCase{name: name, files: map[string]string{"inventory.ini": inventory}}
}

// malformedLineCheck is the loadCheck reason of malformed inventory lines.
const malformedLineCheck = "a malformed inventory line is rejected at load where ansible only warns " +
	"(as test/e2e/testdata/README.md documents for bad/01)"

// malformedLine marks an inventory case whose line edxplay rejects at load.
func malformedLine(c hostileCase) hostileCase {
	c.loadCheck = malformedLineCheck
	return c
}

// yamlInvCase is a case whose hostile input is a YAML inventory.
func yamlInvCase(name, inventory string) hostileCase {
	return hostileCase{name: name, inv: "inventory.yml", files: map[string]string{"inventory.yml": inventory}}
}

// inventoryCases are broken or hostile INI and YAML inventories and
// inventory variable files.
func inventoryCases() []hostileCase {
	return []hostileCase{
		iniCase("ini-unclosed-section", "[web\nh1\n"),
		iniCase("ini-empty-section-name", "[]\nh1\n"),
		iniCase("ini-range-alpha-end", "[web]\nweb[01:xx]\n"),
		iniCase("ini-range-zero-stride", "[web]\nweb[1:5:0]\n"),
		iniCase("ini-range-negative-stride", "[web]\nweb[1:5:-1]\n"),
		iniCase("ini-range-reversed", "[web]\nweb[5:1]\n"),
		iniCase("ini-range-mixed-kinds", "[web]\nweb[a:9]\n"),
		iniCase("ini-range-unclosed", "[web]\nweb[1:3\n"),
		iniCase("ini-range-nested", "[web]\nweb[1:[2:3]]\n"),
		iniCase("ini-range-empty", "[web]\nweb[:]\n"),
		iniCase("ini-range-huge", "[web]\nweb[0:9999999999]\n"),
		iniCase("ini-range-huge-product", "[web]\nw[0:99999]x[0:99999]\n"),
		malformedLine(iniCase("ini-range-stride-overflow", "[web]\nweb[1:5:99999999999999999999999]\n")),
		iniCase("ini-host-var-without-value", "h1 ansible_connection=local novalue\n"),
		iniCase("ini-unterminated-quote", "h1 ansible_connection=local greeting=\"hello\n"),
		malformedLine(iniCase("ini-bad-port", "h1:notaport\n")),
		iniCase("ini-children-cycle", "[a:children]\nb\n[b:children]\na\n[a]\nh1\n"),
		iniCase("ini-children-self", "[a:children]\na\n[a]\nh1\n"),
		iniCase("ini-unknown-section-suffix", "[web:nonsense]\nh1\n"),
		malformedLine(iniCase("ini-vars-line-without-equals", "h1\n[all:vars]\njustaword\n")),
		malformedLine(iniCase("ini-binary-garbage", "h1\n\x00\x01\x02\xff\xfe[\x00]\n")),
		iniCase("ini-huge-hostname", "h1\n"+strings.Repeat("h", 1<<20)+"\n"),
		iniCase("ini-many-groups", manyGroups(5000)),
		iniCase("ini-empty", ""),
		iniCase("ini-recursive-vars", "h1 a='{{ b }}' b='{{ a }}'\n"),
		yamlInvCase("yaml-inv-broken", "all:\n  hosts:\n    h1: [unclosed\n"),
		yamlInvCase("yaml-inv-alias-bomb", "all:\n  hosts:\n    h1:\n  vars:\n"+aliasBomb("    ", 10, 9)),
		yamlInvCase("yaml-inv-alias-bomb-hosts", "x: &h {h1: {}}\nall:\n  children:\n"+groupBomb(8, 9)),
		yamlInvCase("yaml-inv-hosts-list", "all:\n  hosts: [h1, h2]\n"),
		yamlInvCase("yaml-inv-group-string", "all:\n  children:\n    web: not-a-mapping\n"),
		yamlInvCase("yaml-inv-children-cycle", "all:\n  children:\n    a:\n      children:\n        b:\n          children:\n            a:\n              hosts:\n                h1:\n"),
		staticDefect(yamlInvCase("yaml-inv-recursive-alias", "all:\n  hosts:\n    h1:\n  vars:\n    loop: &l [*l]\n"), recursiveAlias),
		yamlInvCase("yaml-inv-deep-nesting", "all:\n  hosts:\n    h1:\n  vars:\n    deep: "+nestedFlowList(1000)+"\n"),
		yamlInvCase("yaml-inv-top-level-list", "- h1\n- h2\n"),
		{name: "group-vars-broken-yaml", files: map[string]string{"group_vars/all.yml": "a: [unclosed\n"}},
		{name: "group-vars-alias-bomb", files: map[string]string{"group_vars/all.yml": aliasBomb("", 10, 9)}},
		{name: "host-vars-not-mapping", files: map[string]string{"host_vars/h1.yml": "- a\n- b\n"}},
		{name: "group-vars-recursive", files: map[string]string{"group_vars/all.yml": "a: \"{{ b }}\"\nb: \"{{ a }}\"\n",
			"site.yml": markerPlay(debugMsg("{{ a }}"))}},
	}
}

// manyGroups is an inventory of n groups, each holding h1.
func manyGroups(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString("[g" + strconv.Itoa(i) + "]\nh1\n")
	}
	return b.String()
}

// groupBomb nests groups whose children are aliases of the level below:
// width^levels group paths over one host.
func groupBomb(levels, width int) string {
	var b strings.Builder
	b.WriteString("    g0: &g0 {hosts: {h1: {}}}\n")
	for i := 1; i < levels; i++ {
		b.WriteString("    g" + strconv.Itoa(i) + ": &g" + strconv.Itoa(i) + " {children: {")
		for j := 0; j < width; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("c" + strconv.Itoa(i) + "_" + strconv.Itoa(j) + ": *g" + strconv.Itoa(i-1))
		}
		b.WriteString("}}\n")
	}
	return b.String()
}
