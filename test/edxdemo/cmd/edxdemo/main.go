// Command edxdemo runs the Open edX demo (scripts/demo.sh calls it): two
// chroot test hosts, edx-site.yml with the edx-platform stand-in, the page
// fetched through nginx, a second run that must change nothing, and a
// --check --diff run with EDXAPP_PLATFORM_NAME changed. It prints the
// page, the recaps and the diffs, keeps each run's full output in --logs,
// tears the hosts down and exits non-zero if any expectation failed.
//
//	edxdemo --edxplay bin/edxplay [--repo .] [--logs /tmp/edxplay-demo-logs]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/edxplay/edxplay/test/edxdemo"
)

func main() {
	edxplay := flag.String("edxplay", "bin/edxplay", "edxplay binary")
	repo := flag.String("repo", ".", "root of the edxplay source tree")
	logs := flag.String("logs", "/tmp/edxplay-demo-logs", "directory for the full output of each run")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *edxplay, *repo, *logs); err != nil {
		fmt.Fprintln(os.Stderr, "edxdemo:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, edxplay, repo, logs string) (err error) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Minute)
	defer cancel()
	abs, err := filepath.Abs(edxplay)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(logs, 0o755); err != nil {
		return err
	}
	fmt.Println("== bringing up two chroot test hosts (the first time builds a Debian root filesystem with debootstrap)")
	d, err := edxdemo.Start(ctx, edxdemo.Config{Edxplay: abs, RepoRoot: repo})
	if err != nil {
		return err
	}
	defer func() {
		fmt.Println("== tearing the hosts down")
		err = errors.Join(err, d.Stop())
	}()
	fmt.Printf("stateless host edx-app at %s, datastores host edx-data at %s\ninventory: %s\n",
		d.Stateless.Addr, d.Datastores.Addr, d.Inventory())
	return steps(ctx, d, logs)
}

// steps runs the three edxplay runs and checks each.
func steps(ctx context.Context, d *edxdemo.Demo, logs string) error {
	fmt.Println("== first run: edxplay run edx-site.yml -i edx-inventory.ini -e @edxdemo/overrides.yml")
	first, err := runLogged(ctx, d, logs, "1-first-run.log")
	if err != nil {
		return err
	}
	fmt.Print(first.RecapText())
	if err := edxdemo.CheckSucceeded(first); err != nil {
		return fmt.Errorf("first run: %w (see %s)", err, filepath.Join(logs, "1-first-run.log"))
	}
	page, err := d.Page(ctx)
	fmt.Printf("== curl %s (nginx on the stateless host)\n%s", d.URL(), page)
	if err != nil {
		return err
	}
	if err := edxdemo.CheckPage(page, edxdemo.PlatformName); err != nil {
		return err
	}
	fmt.Println("== second run: nothing to change")
	second, err := runLogged(ctx, d, logs, "2-second-run.log")
	if err != nil {
		return err
	}
	fmt.Print(second.RecapText())
	if err := edxdemo.CheckUnchanged(second); err != nil {
		return fmt.Errorf("%w (see %s)", err, filepath.Join(logs, "2-second-run.log"))
	}
	fmt.Printf("== dry run with EDXAPP_PLATFORM_NAME=%q: --check --diff\n", edxdemo.NewPlatformName)
	check, err := runLogged(ctx, d, logs, "3-check-diff.log", edxdemo.CheckArgs()...)
	if err != nil {
		return err
	}
	fmt.Print(check.DiffText(), check.RecapText())
	if err := edxdemo.CheckOnlyPlatformNameChanges(check); err != nil {
		return fmt.Errorf("%w (see %s)", err, filepath.Join(logs, "3-check-diff.log"))
	}
	fmt.Println("== demo OK: page served through nginx, second run unchanged, the dry run changes only PLATFORM_NAME")
	return nil
}

// runLogged runs edxplay and keeps its full output in logs/name.
func runLogged(ctx context.Context, d *edxdemo.Demo, logs, name string, extra ...string) (*edxdemo.Result, error) {
	res, err := d.Run(ctx, extra...)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(logs, name), []byte(res.Output), 0o644); err != nil {
		return nil, err
	}
	fmt.Printf("(%.1fs, full output in %s)\n", res.Duration.Seconds(), filepath.Join(logs, name))
	return res, nil
}
