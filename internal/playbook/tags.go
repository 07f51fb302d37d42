package playbook

import "sort"

// Special tags understood by ShouldRun.
const (
	TagAlways   = "always"
	TagNever    = "never"
	TagAll      = "all"
	TagTagged   = "tagged"
	TagUntagged = "untagged"
)

// ShouldRun reports whether an item with the given effective tags runs under
// --tags only and --skip-tags skip, with Ansible's rules: "always" runs
// unless skipped explicitly, "never" runs only when asked for by name, and
// "all", "tagged" and "untagged" select by the presence of tags. An empty
// only means "all".
func ShouldRun(tags, only, skip []string) bool {
	set := tagSet(tags)
	if len(set) == 0 {
		set = map[string]bool{TagUntagged: true}
	}
	if len(only) == 0 {
		only = []string{TagAll}
	}
	onlySet, skipSet := tagSet(only), tagSet(skip)
	untagged := len(tags) == 0
	run := set[TagAlways] ||
		(onlySet[TagAll] && !set[TagNever]) ||
		intersects(set, onlySet) ||
		(onlySet[TagTagged] && !untagged && !set[TagNever])
	if !run || len(skipSet) == 0 {
		return run
	}
	switch {
	case skipSet[TagAll]:
		return set[TagAlways] && !skipSet[TagAlways]
	case intersects(set, skipSet):
		return false
	case skipSet[TagTagged] && !untagged:
		return false
	}
	return true
}

// InheritedTags returns the effective tags of t given its parents' effective
// tags: the union of the parents' tags, the task's own tags and the tags of
// its role and of the roles depending on that role.
func InheritedTags(parent []string, t *Task) []string {
	set := tagSet(parent)
	for _, tag := range t.Tags {
		set[tag] = true
	}
	for r := t.Role; r != nil; r = r.Parent {
		for _, tag := range r.Tags {
			set[tag] = true
		}
	}
	return sortedKeys(set)
}

func tagSet(tags []string) map[string]bool {
	set := make(map[string]bool, len(tags))
	for _, t := range tags {
		set[t] = true
	}
	return set
}

func intersects(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// sortedUnion merges tag lists into a sorted list without duplicates.
func sortedUnion(lists ...[]string) []string {
	set := map[string]bool{}
	for _, l := range lists {
		for _, t := range l {
			set[t] = true
		}
	}
	out := sortedKeys(set)
	sort.Strings(out)
	return out
}
