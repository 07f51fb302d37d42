package main

import (
	"reflect"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/engine"
)

// parseRun parses args with run's flags into a fresh runOpts.
func parseRun(t *testing.T, args ...string) *runOpts {
	t.Helper()
	o := &runOpts{}
	cmd := &cli.Command{Name: "run", Flags: o.flags(), Action: func(*cli.Context) error { return nil }}
	app := &cli.App{Name: "edxplay", UseShortOptionHandling: true, DisableSliceFlagSeparator: true,
		Commands: []*cli.Command{cmd}}
	if err := app.Run(interspersed(append([]string{"edxplay", "run"}, args...), app.Commands)); err != nil {
		t.Fatalf("parse %q: %v", args, err)
	}
	return o
}

// TestRunFlagsBuildEngineOptions checks that every flag run and plan take
// reaches engine.Options through the one builder.
func TestRunFlagsBuildEngineOptions(t *testing.T) {
	tests := []struct {
		args []string
		want engine.Options
	}{
		{[]string{"site.yml"}, engine.Options{Forks: 100}},
		{[]string{"site.yml", "-C", "-D", "-f", "3", "-vvv", "-l", "web", "-t", "a,b", "-t", "c", "--skip-tags", "x"},
			engine.Options{Check: true, Diff: true, Forks: 3, Verbosity: 3, Limit: "web",
				Tags: []string{"a", "b", "c"}, SkipTags: []string{"x"}}},
		{[]string{"-b", "--become-user", "edx", "--become-method", "su", "-u", "admin", "-c", "local", "site.yml"},
			engine.Options{Forks: 100, Become: true, BecomeUser: "edx", BecomeMethod: "su", RemoteUser: "admin", Connection: "local"}},
		{[]string{"site.yml", "--start-at-task", "Install", "--strategy", "free"},
			engine.Options{Forks: 100, StartAtTask: "Install", Strategy: "free"}},
	}
	for _, tt := range tests {
		o := parseRun(t, tt.args...)
		got := engineOptions(o.selection(), o.outputFlags, nil, nil)
		got.NoProbeCache = false
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.args, got, tt.want)
		}
	}
}

// TestPlanRecordsSelectionForApply checks that what plan selects (hosts
// aside, which apply narrows to those that did not drift) is what apply
// runs with: nothing given to plan is dropped on the way.
func TestPlanRecordsSelectionForApply(t *testing.T) {
	o := parseRun(t, "site.yml", "-l", "web", "-t", "a", "--skip-tags", "b", "--start-at-task", "T",
		"--strategy", "free", "--force-handlers", "-u", "admin", "-c", "ssh", "-b", "--become-user", "edx", "--become-method", "su")
	sel := o.selection()
	got := plannedSelection(recordedSelection(sel), sel.Limit)
	if !reflect.DeepEqual(got, sel) {
		t.Errorf("apply's selection differs from the plan's:\n got %+v\nwant %+v", got, sel)
	}
	// Every field of selection must be recorded: a field added to one and
	// not the other fails here.
	v := reflect.ValueOf(got)
	for i := 0; i < v.NumField(); i++ {
		if name := v.Type().Field(i).Name; name != "Check" && v.Field(i).IsZero() {
			t.Errorf("selection field %s was not set by the test's flags or not carried through the plan", name)
		}
	}
}

// TestPlanRecordsTransportForApply checks that every SSH setting plan is
// given reaches apply (paths made absolute).
func TestPlanRecordsTransportForApply(t *testing.T) {
	o := parseRun(t, "site.yml", "--private-key", "/k/id", "-F", "/k/ssh_config", "--host-key-checking", "accept-new",
		"-T", "7", "--connect-retries", "3", "--ssh-common-args", "-o ProxyJump=j", "-k", "-K")
	got := plannedTransport(recordedTransport(o.transportFlags))
	if !reflect.DeepEqual(got, o.transportFlags) {
		t.Errorf("apply's transport differs from the plan's:\n got %+v\nwant %+v", got, o.transportFlags)
	}
	v := reflect.ValueOf(got)
	for i := 0; i < v.NumField(); i++ {
		if v.Field(i).IsZero() {
			t.Errorf("transport field %s was not set by the test's flags or not carried through the plan", v.Type().Field(i).Name)
		}
	}
}
