package modules

// Satisfies exposes pip requirement matching to the external tests.
func Satisfies(req, version string) bool { return parseRequirement(req).satisfiedBy(version) }
