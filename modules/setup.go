package modules

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
)

// Setup gathers facts about the target with one shell round trip.
type Setup struct{}

// GatherFacts is the gather_facts action: setup under another name.
type GatherFacts struct{}

func setupSpec(name string) modspec.Spec {
	return modspec.Spec{
		Name:  name,
		Short: "Gathers facts about remote hosts",
		Args: []modspec.Arg{
			{Name: "gather_subset", Type: modspec.List, Default: []any{"all"}, Doc: "Accepted for compatibility; every supported fact is gathered."},
			{Name: "gather_timeout", Type: modspec.Int, Default: 10, Doc: "Accepted for compatibility."},
			{Name: "filter", Type: modspec.List, Default: []any{}, Doc: "Return only facts whose name matches one of these shell-style patterns."},
			{Name: "fact_path", Type: modspec.Path, Default: "/etc/ansible/facts.d", Doc: "Directory of local facts (*.fact files: JSON or INI, or executables printing JSON), gathered as ansible_local."},
			{Name: "parallel", Type: modspec.Bool, Doc: "Accepted for compatibility."},
		},
		Example: "- " + name + ":\n    filter:\n      - ansible_distribution*\n",
	}
}

// Spec describes setup's arguments.
func (Setup) Spec() modspec.Spec { return setupSpec("setup") }

// Spec describes gather_facts' arguments.
func (GatherFacts) Spec() modspec.Spec { return setupSpec("gather_facts") }

// Run gathers facts like setup.
func (GatherFacts) Run(ctx context.Context, call *Call) (*Result, error) {
	return Setup{}.Run(ctx, call)
}

// Run runs the facts script and returns ansible_* facts, also nested
// without the prefix under ansible_facts.
func (Setup) Run(ctx context.Context, call *Call) (*Result, error) {
	// the task's environment is the gathered ansible_env, as in Ansible
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: factsScript, Env: call.Env, Become: call.Become})
	if err != nil {
		return nil, fmt.Errorf("gather facts: run command: %w", err)
	}
	raw := parseFactsOutput(res.Stdout)
	facts := buildFacts(raw)
	a := args(call.Args)
	if facts["ansible_local"], err = localFacts(ctx, call, a.str("fact_path")); err != nil {
		return nil, err
	}
	facts = filterFacts(facts, a.list("filter"))
	facts["gather_subset"] = a.list("gather_subset")
	facts["module_setup"] = true
	nested := map[string]any{}
	for k, v := range facts {
		nested[strings.TrimPrefix(k, "ansible_")] = v
	}
	out := map[string]any{}
	for k, v := range facts {
		out[k] = v
	}
	out["ansible_facts"] = nested
	return &Result{Facts: out, CacheableFacts: true, Data: map[string]any{"ansible_facts": facts}}, nil
}

// filterFacts keeps the facts matching one of patterns (all when none).
func filterFacts(facts map[string]any, patterns []any) map[string]any {
	if len(patterns) == 0 {
		return facts
	}
	out := map[string]any{}
	for k, v := range facts {
		for _, p := range patterns {
			if ok, _ := path.Match(fmt.Sprint(p), k); ok {
				out[k] = v
				break
			}
		}
	}
	return out
}

// rawFacts is the parsed script output: single values, repeated values,
// route table lines and the environment.
type rawFacts struct {
	one   map[string]string
	many  map[string][]string
	route []string
	env   map[string]any
}

func (r rawFacts) get(k string) string { return r.one[k] }

// parseFactsOutput splits the script's output into its sections.
func parseFactsOutput(out string) rawFacts {
	r := rawFacts{one: map[string]string{}, many: map[string][]string{}, env: map[string]any{}}
	section, lastEnv := "", ""
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		switch {
		case line == "__route__" || line == "__env__":
			section = line
		case section == "__route__":
			r.route = append(r.route, line)
		case section == "__env__":
			k, v, ok := strings.Cut(line, "=")
			if ok && identifier.MatchString(k) {
				r.env[k], lastEnv = v, k
			} else if lastEnv != "" {
				r.env[lastEnv] = fmt.Sprint(r.env[lastEnv]) + "\n" + line
			}
		default:
			if k, v, ok := strings.Cut(line, "="); ok {
				r.one[k] = v
				r.many[k] = append(r.many[k], v)
			}
		}
	}
	return r
}
