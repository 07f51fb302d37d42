package playbook

import (
	"fmt"
	"sort"
)

// tagTemplating templates tags for a listing; nil keeps them as written.
type tagTemplating struct {
	t    Templater
	vars map[string]any
}

// templating returns the tag templating of play p (nil without a templater).
func (l Lister) templating(p *Play) *tagTemplating {
	if l.Templater == nil {
		return nil
	}
	vars := map[string]any{}
	for _, ref := range p.Roles {
		if ref.Role != nil {
			mergeInto(vars, ref.Role.Defaults)
		}
	}
	mergeInto(vars, p.Vars)
	for _, vp := range p.VarsPrompt {
		vars[vp.Name] = vp.Default
	}
	for _, ref := range p.Roles {
		if ref.Role != nil {
			mergeInto(vars, ref.Role.Vars)
		}
	}
	mergeInto(vars, l.ExtraVars)
	return &tagTemplating{t: l.Templater, vars: vars}
}

func mergeInto(dst, src map[string]any) {
	for k, v := range src {
		dst[k] = v
	}
}

// render templates tags that hold a template; a template giving a list
// adds each item. The result is sorted and has no duplicates.
func (tt *tagTemplating) render(tags []string) ([]string, error) {
	if tt == nil {
		return tags, nil
	}
	set := map[string]bool{}
	changed := false
	for _, tag := range tags {
		if !isTemplated(tag) {
			set[tag] = true
			continue
		}
		changed = true
		v, err := tt.t.Template(tag, tt.vars)
		if err != nil {
			return nil, err
		}
		if list, ok := v.([]any); ok {
			for _, item := range list {
				set[fmt.Sprint(item)] = true
			}
			continue
		}
		set[fmt.Sprint(v)] = true
	}
	if !changed {
		return tags, nil
	}
	out := sortedKeys(set)
	sort.Strings(out)
	return out, nil
}
