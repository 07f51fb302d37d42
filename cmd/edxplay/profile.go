package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

// startProfiles starts the profiles named by the environment, for
// bench/profile.sh: EDXPLAY_CPUPROFILE=FILE writes a CPU profile of the
// whole command, EDXPLAY_MEMPROFILE=FILE a heap profile (in-use and
// allocated) taken when it ends. The returned function stops and writes
// them; it is a no-op when neither variable is set. The heap profile is
// written again whenever the heap grows by a fifth over its largest size
// so far, so the file shows what was live at (about) the peak.
func startProfiles(errW io.Writer) func() {
	cpuPath, memPath := os.Getenv("EDXPLAY_CPUPROFILE"), os.Getenv("EDXPLAY_MEMPROFILE")
	var cpu *os.File
	if cpuPath != "" {
		f, err := os.Create(cpuPath)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(errW, "edxplay: cpu profile: %v\n", err)
		} else {
			cpu = f
		}
	}
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

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
