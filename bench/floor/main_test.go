package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunCommands feeds runCommands to a local sh, as the remote shell would be.
func TestRunCommands(t *testing.T) {
	tests := []struct {
		name    string
		command string
		wantErr string
	}{
		{"builtin", "test -d /", ""},
		{"output before the marker", "echo noise; echo more", ""},
		{"failing command", "test -d /does/not/exist", "exited 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh := exec.Command("/bin/sh")
			stdin, err := sh.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			stdout, err := sh.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := sh.Start(); err != nil {
				t.Fatal(err)
			}
			err = runCommands(stdin, bufio.NewReader(stdout), 5, tt.command)
			_ = stdin.Close()
			_ = sh.Wait()
			if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestReadHosts(t *testing.T) {
	tests := []struct {
		text string
		want []string
		ok   bool
	}{
		{"h1 127.21.0.10 2222\nh2 127.21.0.11 2222\n", []string{"127.21.0.10:2222", "127.21.0.11:2222"}, true},
		{"h1 127.21.0.10\n", nil, false},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "hosts.txt")
		if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readHosts(path)
		if (err == nil) != tt.ok || strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("readHosts(%q) = %v, %v", tt.text, got, err)
		}
	}
}
