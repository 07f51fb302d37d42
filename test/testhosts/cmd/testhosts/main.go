// Command testhosts starts and stops a fleet of real sshd test hosts that
// outlives the command (for demos and manual runs):
//
//	go run ./test/testhosts/cmd/testhosts up 5 --dir /tmp/edxfleet [--mode netns] [--prefix demo]
//	go run ./test/testhosts/cmd/testhosts down --dir /tmp/edxfleet
//
// "up" writes inventory.ini, ssh_config, known_hosts and the client key in
// the directory and creates the standard sudo test users.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/edxplay/edxplay/test/testhosts"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "testhosts:", err)
		os.Exit(1)
	}
}

const usage = "usage: testhosts up N --dir DIR [--mode loopback|netns|chroot] [--prefix P] [--password-auth] | down --dir DIR | status --dir DIR"

func run(args []string) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	dir := fs.String("dir", "/tmp/edxfleet", "fleet directory")
	mode := fs.String("mode", string(testhosts.Loopback), "loopback, netns or chroot")
	prefix := fs.String("prefix", "cli", "name prefix ([a-z0-9], up to 12)")
	passwordAuth := fs.Bool("password-auth", true, "enable sshd password authentication")
	switch args[0] {
	case "up":
		if len(args) < 2 {
			return errors.New(usage)
		}
		n, err := strconv.Atoi(args[1])
		if err != nil {
			return fmt.Errorf("host count: %w", err)
		}
		if err := fs.Parse(args[2:]); err != nil {
			return err
		}
		return up(n, *dir, testhosts.Mode(*mode), *prefix, *passwordAuth)
	case "down", "status":
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		f, err := testhosts.Open(*dir)
		if err != nil {
			return err
		}
		if args[0] == "status" {
			for _, h := range f.Hosts {
				fmt.Printf("%s %s %d\n", h.Name, h.Addr, h.Port)
			}
			return nil
		}
		return f.Stop()
	default:
		return errors.New(usage)
	}
}

func up(n int, dir string, mode testhosts.Mode, prefix string, passwordAuth bool) error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	start := time.Now()
	opts := testhosts.Options{N: n, Mode: mode, Prefix: prefix, Dir: dir, PasswordAuth: passwordAuth, Persistent: true}
	if mode != testhosts.Chroot {
		// chroot hosts have their own users; the others share the machine's
		opts.Users = []testhosts.User{testhosts.SudoUser, testhosts.SudoPasswordUser}
	}
	if mode == testhosts.Chroot {
		if err := testhosts.EnsureBaseRootfs(context.Background()); err != nil {
			return err
		}
	}
	f, err := testhosts.Start(ctx, opts)
	if err != nil {
		return err
	}
	fmt.Printf("fleet up: mode=%s N=%d in %.2fs\ninventory: %s\nssh_config: %s\nknown_hosts: %s\n",
		mode, len(f.Hosts), time.Since(start).Seconds(), f.InventoryFile, f.SSHConfigFile, f.KnownHostsFile)
	return nil
}
