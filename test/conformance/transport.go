package conformance

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// transportCase is a check of the connection itself, not of a module.
type transportCase struct {
	name string
	run  func(t *testing.T, conn connection.Conn)
}

func transportCases() []transportCase {
	return []transportCase{
		{"cancel kills the whole command", cancelKillsWholeCommand},
	}
}

// runTransportCases runs every transport case on a fresh connection.
func runTransportCases(t *testing.T, newConn func(t *testing.T) connection.Conn) {
	for _, c := range transportCases() {
		t.Run("transport/"+c.name, func(t *testing.T) { c.run(t, newConn(t)) })
	}
}

// cancelKillsWholeCommand cancels "touch started; sleep; touch done" while
// it sleeps: the command must stop as a whole, so that neither the sleep
// survives nor the shell around it goes on to write done.
func cancelKillsWholeCommand(t *testing.T, conn connection.Conn) {
	ctx := context.Background()
	fs := hostfile.New(conn, nil)
	out, err := fs.Exec(ctx, "mktemp -d")
	if err != nil {
		t.Fatalf("create scratch dir: %v", err)
	}
	dir := strings.TrimSpace(out)
	t.Cleanup(func() { _ = fs.Remove(ctx, dir, true) })
	// A sleep argument no other process uses, to find leftovers by.
	sleepArg := fmt.Sprintf("2.%09d", time.Now().Nanosecond())
	q := hostfile.Quote(dir)
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := conn.Run(runCtx, connection.Command{Cmd: fmt.Sprintf("touch %s/started; sleep %s; touch %s/done", q, sleepArg, q)})
		done <- err
	}()
	if !pollHost(t, conn, 15*time.Second, "test -e "+q+"/started") {
		t.Fatal("the command never started")
	}
	cancel()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a cancelled command returned no error")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a cancelled command did not return within 10s")
	}
	// Past the moment a surviving shell would have written done.
	time.Sleep(3 * time.Second)
	if pollHost(t, conn, 0, "test -e "+q+"/done") {
		t.Error("the cancelled command went on after its sleep and wrote done")
	}
	left := `for f in /proc/[0-9]*/cmdline; do tr '\0' ' ' < "$f"; echo; done 2>/dev/null | grep -q '[s]leep ` + sleepArg + `'`
	if pollHost(t, conn, 0, left) {
		t.Error("the cancelled command's sleep is still running")
	}
}

// pollHost runs check on the target until it exits 0 or d passes. Each
// check has its own standard input, so that it never waits for a shell
// busy with another command.
func pollHost(t *testing.T, conn connection.Conn, d time.Duration, check string) bool {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		res, err := conn.Run(ctx, connection.Command{Cmd: check, Stdin: []byte{}})
		cancel()
		if err != nil {
			t.Fatalf("check %q: %v", check, err)
		}
		if res.RC == 0 {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
}
