package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"time"
)

// startProfiles starts the profiles named by the environment, for
// bench/profile.sh: EDXPLAY_CPUPROFILE=FILE writes a CPU profile of the
// whole command, EDXPLAY_MEMPROFILE=FILE a heap profile (in-use and
// allocated) taken when it ends, EDXPLAY_TRACE=FILE an execution trace
// (go tool trace), EDXPLAY_MUTEXPROFILE=FILE and EDXPLAY_BLOCKPROFILE=FILE
// where goroutines waited for locks and for channels (contention, which
// CPU profiles do not show). The returned function stops and writes
// them; it is a no-op when no variable is set. The heap profile is
// written again whenever the heap grows by a fifth over its largest size
// so far, so the file shows what was live at (about) the peak.
func startProfiles(errW io.Writer) func() {
	cpuPath, memPath := os.Getenv("EDXPLAY_CPUPROFILE"), os.Getenv("EDXPLAY_MEMPROFILE")
	cpu := startFileProfile(errW, "cpu profile", cpuPath, pprof.StartCPUProfile)
	tr := startFileProfile(errW, "trace", os.Getenv("EDXPLAY_TRACE"), trace.Start)
	stopWaits := startWaitProfiles(errW)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		if memPath != "" {
			watchHeapPeak(memPath, stop, errW)
		}
	}()
	return func() {
		close(stop)
		<-done
		if cpu != nil {
			pprof.StopCPUProfile()
			_ = cpu.Close()
		}
		if tr != nil {
			trace.Stop()
			_ = tr.Close()
		}
		stopWaits()
	}
}

// startFileProfile creates path and starts a profile writing to it; nil
// when path is empty or the profile cannot start (reported on errW).
func startFileProfile(errW io.Writer, what, path string, start func(io.Writer) error) *os.File {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err == nil {
		if err = start(f); err != nil {
			_ = f.Close()
		}
	}
	if err != nil {
		fmt.Fprintf(errW, "edxplay: %s: %v\n", what, err)
		return nil
	}
	return f
}

// startWaitProfiles turns on the mutex and block profiles named by
// EDXPLAY_MUTEXPROFILE and EDXPLAY_BLOCKPROFILE; the returned function
// writes them.
func startWaitProfiles(errW io.Writer) func() {
	mutexPath, blockPath := os.Getenv("EDXPLAY_MUTEXPROFILE"), os.Getenv("EDXPLAY_BLOCKPROFILE")
	if mutexPath != "" {
		runtime.SetMutexProfileFraction(1)
	}
	if blockPath != "" {
		runtime.SetBlockProfileRate(int(time.Millisecond))
	}
	return func() {
		for _, p := range []struct{ name, path string }{{"mutex", mutexPath}, {"block", blockPath}} {
			if p.path == "" {
				continue
			}
			if err := writeNamedProfile(p.name, p.path); err != nil {
				fmt.Fprintf(errW, "edxplay: %s profile: %v\n", p.name, err)
			}
		}
	}
}

// watchHeapPeak writes a heap profile to path at each new heap peak until
// stop closes, and once more then if nothing was written.
func watchHeapPeak(path string, stop <-chan struct{}, errW io.Writer) {
	var peak uint64
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			if peak == 0 {
				if err := writeHeapProfile(path); err != nil {
					fmt.Fprintf(errW, "edxplay: heap profile: %v\n", err)
				}
			}
			return
		case <-tick.C:
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak+peak/5 {
			peak = ms.HeapInuse
			if err := writeHeapProfile(path); err != nil {
				fmt.Fprintf(errW, "edxplay: heap profile: %v\n", err)
				return
			}
		}
	}
}

func writeHeapProfile(path string) error { return writeNamedProfile("allocs", path) }

// writeNamedProfile writes the runtime profile called name to path.
func writeNamedProfile(name, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup(name).WriteTo(f, 0); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
