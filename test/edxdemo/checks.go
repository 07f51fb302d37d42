package edxdemo

import (
	"errors"
	"fmt"
	"html"
	"sort"
	"strings"
)

// PlatformName is EDXAPP_PLATFORM_NAME in overrides.yml, and NewPlatformName
// the value the demo's --check --diff run gives it.
const (
	PlatformName    = "edxplay demo"
	NewPlatformName = "edxplay demo, second edition"
)

// CheckArgs are the extra arguments of the --check --diff run: one
// override changed. The config files are secret (no_log), so their diffs
// are key-level: the changed key with its values, secret values hidden.
func CheckArgs() []string {
	return []string{"--check", "--diff", "-e", fmt.Sprintf(`{"EDXAPP_PLATFORM_NAME": %q}`, NewPlatformName)}
}

// ConfigFiles are the rendered files in which PLATFORM_NAME appears.
var ConfigFiles = []string{"/edx/app/edxapp/lms.env.json", "/edx/etc/lms.yml", "/edx/app/edxapp/cms.env.json", "/edx/etc/studio.yml"}

// CheckSucceeded fails unless the run exited 0 with no failed or
// unreachable host.
func CheckSucceeded(r *Result) error {
	if r.ExitCode != 0 {
		return fmt.Errorf("edxplay exited %d", r.ExitCode)
	}
	if len(r.Recap) != 2 {
		return fmt.Errorf("recap has %d hosts, want 2", len(r.Recap))
	}
	for host, c := range r.Recap {
		if c["failed"] != 0 || c["unreachable"] != 0 {
			return fmt.Errorf("%s: failed=%d unreachable=%d", host, c["failed"], c["unreachable"])
		}
	}
	return nil
}

// CheckUnchanged fails unless the run succeeded and changed nothing.
func CheckUnchanged(r *Result) error {
	if err := CheckSucceeded(r); err != nil {
		return err
	}
	var changed []string
	for host, c := range r.Recap {
		if c["changed"] != 0 {
			changed = append(changed, fmt.Sprintf("%s changed=%d", host, c["changed"]))
		}
	}
	if len(changed) > 0 {
		sort.Strings(changed)
		return fmt.Errorf("second run changed something: %s", strings.Join(changed, ", "))
	}
	return nil
}

// CheckPage fails unless the page is the stand-in's, showing name.
func CheckPage(page, name string) error {
	want := "<p>PLATFORM_NAME: " + html.EscapeString(name) + "</p>"
	if !strings.Contains(page, want) || !strings.Contains(page, "edx-platform stand-in, lms") {
		return fmt.Errorf("page does not show %q from the stand-in:\n%s", want, page)
	}
	return nil
}

// CheckOnlyPlatformNameChanges fails unless each config file's diff
// changes exactly the PLATFORM_NAME line, from PlatformName to
// NewPlatformName, and no other file shows a diff.
func CheckOnlyPlatformNameChanges(r *Result) error {
	if err := CheckSucceeded(r); err != nil {
		return err
	}
	seen := map[string]bool{}
	var errs []error
	for _, d := range r.Diffs() {
		seen[d.Path] = true
		if !isConfigFile(d.Path) {
			errs = append(errs, fmt.Errorf("unexpected diff of %s", d.Path))
			continue
		}
		if d.Secret {
			want := fmt.Sprintf("~ PLATFORM_NAME: %q → %q", PlatformName, NewPlatformName)
			if len(d.Removed) != 0 || len(d.Added) != 1 || d.Added[0] != want {
				errs = append(errs, fmt.Errorf("%s: secret diff is not exactly %s: -%q +%q", d.Path, want, d.Removed, d.Added))
			}
			continue
		}
		if len(d.Removed) != 1 || len(d.Added) != 1 ||
			!platformNameLine(d.Removed[0], PlatformName) || !platformNameLine(d.Added[0], NewPlatformName) {
			errs = append(errs, fmt.Errorf("%s: diff is not exactly the PLATFORM_NAME line: -%q +%q", d.Path, d.Removed, d.Added))
		}
	}
	for _, f := range ConfigFiles {
		if !seen[f] {
			errs = append(errs, fmt.Errorf("no diff shown for %s", f))
		}
	}
	return errors.Join(errs...)
}

func isConfigFile(path string) bool {
	for _, f := range ConfigFiles {
		if f == path {
			return true
		}
	}
	return false
}

// platformNameLine matches the key's line in JSON ("PLATFORM_NAME": "x",)
// or YAML (PLATFORM_NAME: x, possibly quoted).
func platformNameLine(line, value string) bool {
	t := strings.TrimSpace(line)
	return t == fmt.Sprintf(`"PLATFORM_NAME": %q,`, value) ||
		t == "PLATFORM_NAME: "+value || t == "PLATFORM_NAME: '"+value+"'"
}
