package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// errInterrupted is how a run stopped by SIGINT or SIGTERM ends.
var errInterrupted = errors.New("User interrupted execution")

// interruptContext returns a context that the first SIGINT or SIGTERM
// cancels: the run starts no new work, the transports kill what runs on
// the hosts, and the recap is printed. A second signal exits at once.
// release stops listening.
func interruptContext(errW io.Writer) (ctx context.Context, release func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
		case <-done:
			return
		}
		fmt.Fprintln(errW, "\n[WARNING]: interrupted: stopping the hosts' tasks (interrupt again to exit at once)")
		cancel()
		select {
		case <-sigs:
			os.Exit(exitCode(withCode(exitInterrupted, fmt.Errorf("%w again: exiting at once", errInterrupted)), errW))
		case <-done:
		}
	}()
	return ctx, func() {
		close(done)
		signal.Stop(sigs)
		cancel()
	}
}
