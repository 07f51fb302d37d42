package modules

import "maps"

// resultCopy is a copy of the described result res, diffs included, for
// an apply step to report: modules that always reported their diff keep
// doing so, and the description's own result is never changed by the
// caller of the apply step.
func resultCopy(res *Result) *Result {
	out := *res
	out.Data = maps.Clone(res.Data)
	return &out
}
