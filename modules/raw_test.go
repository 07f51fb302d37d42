package modules_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestRaw(t *testing.T) {
	conn := hostConn(t)
	marker := filepath.Join(t.TempDir(), "ran")
	line := "echo out; echo err >&2; touch " + marker
	if res := applyModule(t, conn, "raw", map[string]any{"_raw_params": line}, true); !res.Skipped || res.Changed {
		t.Fatalf("check mode: %+v", res)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("check mode ran the command")
	}
	res := applyModule(t, conn, "raw", map[string]any{"_raw_params": line}, false)
	if res.Failed || !res.Changed || res.Data["rc"] != 0 || res.Data["stdout"] != "out\n" || res.Data["stderr"] != "err\n" ||
		!reflect.DeepEqual(res.Data["stdout_lines"], []string{"out"}) {
		t.Fatalf("raw: %+v", res)
	}
	if _, err := os.Stat(marker); err != nil {
		t.Fatal("raw did not run the command")
	}
	bash := applyModule(t, conn, "raw", map[string]any{"_raw_params": `echo "$BASH_VERSION" | cut -c1`, "executable": "/bin/bash"}, false)
	if bash.Data["stdout"] == "\n" || bash.Failed {
		t.Fatalf("executable /bin/bash: %+v", bash)
	}
	if fail := applyModule(t, conn, "raw", map[string]any{"_raw_params": "exit 3"}, false); !fail.Failed || fail.Data["rc"] != 3 || fail.Msg != "non-zero return code" {
		t.Fatalf("failing command: %+v", fail)
	}
}
