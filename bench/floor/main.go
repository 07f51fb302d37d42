// Command floor measures the floor of issue 3's benchmark: every host of a
// testhosts fleet runs the same number of commands as the benchmark
// playbook has tasks, over one persistent shell per host, with nothing but
// golang.org/x/crypto/ssh (host keys checked against the fleet's
// known_hosts). No real tool can do less work per task.
//
//	floor -fleet DIR [-commands 20] [-command 'test -d /srv']
//
// It prints one line: hosts, commands per host, connect time (slowest
// host), command time (slowest host) and total wall time, in milliseconds.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

func main() {
	fleetDir := flag.String("fleet", "", "testhosts fleet directory (hosts.txt, known_hosts, keys/id_ed25519)")
	commands := flag.Int("commands", 20, "commands per host")
	command := flag.String("command", "test -d /srv", "the shell command run each time")
	flag.Parse()
	if *fleetDir == "" {
		fmt.Fprintln(os.Stderr, "floor: -fleet DIR is required")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := run(ctx, *fleetDir, *commands, *command); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

// timing is how long one host took to connect and to run its commands.
type timing struct {
	connect, commands time.Duration
}

func run(ctx context.Context, dir string, commands int, command string) error {
	addrs, err := readHosts(filepath.Join(dir, "hosts.txt"))
	if err != nil {
		return err
	}
	cfg, err := clientConfig(dir)
	if err != nil {
		return err
	}
	start := time.Now()
	timings := make([]timing, len(addrs))
	errs := make([]error, len(addrs))
	var wg sync.WaitGroup
	for i, addr := range addrs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			timings[i], errs[i] = oneHost(ctx, addr, cfg, commands, command)
		}()
	}
	wg.Wait()
	total := time.Since(start)
	if err := errors.Join(errs...); err != nil {
		return err
	}
	var slowest timing
	for _, t := range timings {
		slowest.connect = max(slowest.connect, t.connect)
		slowest.commands = max(slowest.commands, t.commands)
	}
	fmt.Printf("hosts=%d commands=%d connect_ms=%d commands_ms=%d total_ms=%d\n", len(addrs), commands,
		slowest.connect.Milliseconds(), slowest.commands.Milliseconds(), total.Milliseconds())
	return nil
}

// readHosts reads "name addr port" lines.
func readHosts(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read hosts: %w", err)
	}
	var addrs []string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			return nil, fmt.Errorf("hosts.txt: bad line %q", line)
		}
		addrs = append(addrs, net.JoinHostPort(f[1], f[2]))
	}
	return addrs, nil
}

// clientConfig authenticates as root with the fleet's client key and
// checks host keys against the fleet's known_hosts.
func clientConfig(dir string) (*ssh.ClientConfig, error) {
	pem, err := os.ReadFile(filepath.Join(dir, "keys", "id_ed25519"))
	if err != nil {
		return nil, fmt.Errorf("read client key: %w", err)
	}
	signer, err := ssh.ParsePrivateKey(pem)
	if err != nil {
		return nil, fmt.Errorf("parse client key: %w", err)
	}
	hostKeys, err := knownhosts.New(filepath.Join(dir, "known_hosts"))
	if err != nil {
		return nil, fmt.Errorf("read known_hosts: %w", err)
	}
	return &ssh.ClientConfig{User: "root", Auth: []ssh.AuthMethod{ssh.PublicKeys(signer)},
		HostKeyCallback: hostKeys, HostKeyAlgorithms: []string{ssh.KeyAlgoED25519}, Timeout: 30 * time.Second}, nil
}

// oneHost connects, starts one shell and runs the commands through it,
// each followed by a marker line carrying its exit status.
func oneHost(ctx context.Context, addr string, cfg *ssh.ClientConfig, commands int, command string) (timing, error) {
	var t timing
	start := time.Now()
	d := net.Dialer{Timeout: cfg.Timeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return t, fmt.Errorf("%s: %w", addr, err)
	}
	c, chans, reqs, err := ssh.NewClientConn(conn, addr, cfg)
	if err != nil {
		return t, fmt.Errorf("%s: %w", addr, err)
	}
	client := ssh.NewClient(c, chans, reqs)
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		return t, fmt.Errorf("%s: session: %w", addr, err)
	}
	defer sess.Close()
	stdin, err := sess.StdinPipe()
	if err != nil {
		return t, err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		return t, err
	}
	if err := sess.Start("/bin/sh"); err != nil {
		return t, fmt.Errorf("%s: start shell: %w", addr, err)
	}
	t.connect = time.Since(start)
	start = time.Now()
	if err := runCommands(stdin, bufio.NewReader(stdout), commands, command); err != nil {
		return t, fmt.Errorf("%s: %w", addr, err)
	}
	t.commands = time.Since(start)
	return t, nil
}

func runCommands(stdin io.Writer, stdout *bufio.Reader, commands int, command string) error {
	const marker = "__floor_rc="
	for i := range commands {
		if _, err := fmt.Fprintf(stdin, "%s; echo %s$?\n", command, marker); err != nil {
			return fmt.Errorf("command %d: %w", i, err)
		}
		for {
			line, err := stdout.ReadString('\n')
			if err != nil {
				return fmt.Errorf("command %d: %w", i, err)
			}
			if rc, ok := strings.CutPrefix(strings.TrimSpace(line), marker); ok {
				if n, _ := strconv.Atoi(rc); n != 0 {
					return fmt.Errorf("command %d exited %d", i, n)
				}
				break
			}
		}
	}
	return nil
}
