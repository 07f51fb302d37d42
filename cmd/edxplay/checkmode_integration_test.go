package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/test/testhosts"
)

// checkModePlaybook mixes every module that is safe to run on loopback test
// hosts (which share the machine's filesystem apart from /srv and /root).
const checkModePlaybook = `- hosts: all
  gather_facts: false
  vars: {root: /srv/checkmode}
  tasks:
    - name: dir
      file: {path: "{{ root }}/etc", state: directory, mode: "0750"}
    - name: touch
      file: {path: "{{ root }}/etc/touched", state: touch, mode: "0600"}
    - name: link
      file: {src: /tmp, dest: "{{ root }}/tmp", state: link}
    - name: copy content
      copy: {dest: "{{ root }}/etc/motd", content: "hello {{ inventory_hostname }}\n", mode: "0644"}
    - name: copy file
      copy: {src: app.sh, dest: "{{ root }}/app.sh", mode: "0755"}
    - name: template
      template: {src: app.conf.j2, dest: "{{ root }}/etc/app.conf"}
    - name: lineinfile
      lineinfile: {path: "{{ root }}/etc/settings.ini", regexp: "^workers", line: "workers = 8", create: true}
    - name: blockinfile
      blockinfile: {path: "{{ root }}/etc/hosts.extra", create: true, block: "10.0.0.1 db\n"}
    - name: replace
      replace: {path: "{{ root }}/etc/settings.ini", regexp: "^workers = 2$", replace: "workers = 8"}
    - name: command creates
      command: {cmd: "touch {{ root }}/initialized", creates: "{{ root }}/initialized"}
    - name: shell removes
      shell: {cmd: "rm -f {{ root }}/initialized.tmp", removes: "{{ root }}/initialized.tmp"}
    - name: stat
      stat: {path: "{{ root }}/etc/app.conf"}
      register: st
    - name: assert
      assert: {that: ["st.stat.exists or ansible_check_mode"]}
    - name: git
      git: {repo: "{{ repo }}", dest: "{{ root }}/src", version: main}
    - name: get_url
      get_url: {url: "{{ url }}/file.txt", dest: "{{ root }}/file.txt", mode: "0644"}
    - name: unarchive
      unarchive: {src: bundle.tgz, dest: "{{ root }}/etc"}
    - name: wait_for
      wait_for: {host: 127.0.0.1, port: "{{ port }}", timeout: 5}
    - name: loop of copies
      copy: {dest: "{{ root }}/etc/{{ item }}.conf", content: "{{ item }}\n"}
      loop: [a, b]
`

// TestCheckModePredictsExactly runs the playbook with --check, then for
// real: on fresh hosts every task the run changes was predicted as changed
// or reported unknown (a task reading a file an earlier task would create),
// never silently missed; on converged hosts, after editing one host by hand,
// the tasks --check predicts as changed are exactly those the run changes.
func TestCheckModePredictsExactly(t *testing.T) {
	fleet := testhosts.StartT(t, testhosts.Options{N: 2, Prefix: "checkmode"})
	dir := checkModeFixture(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	args := []string{filepath.Join(dir, "site.yml"), "-i", fleet.InventoryFile, "--output", "json",
		"-e", "repo=" + filepath.Join(dir, "repo"), "-e", "url=" + srv.URL, "-e", "port=" + port}
	for round := 1; round <= 3; round++ {
		predicted := taskStatuses(t, append([]string{"run", "--check"}, args...))
		applied := taskStatuses(t, append([]string{"run"}, args...))
		var missed, wrong []string
		for task, st := range applied {
			if st == "changed" && predicted[task] != "changed" && !(round == 1 && predicted[task] == "unknown") {
				missed = append(missed, task+" (check said "+predicted[task]+")")
			}
		}
		for task, st := range predicted {
			if st == "changed" && applied[task] != "changed" {
				wrong = append(wrong, task+" (run said "+applied[task]+")")
			}
		}
		if len(missed)+len(wrong) > 0 {
			t.Errorf("round %d: changed but not predicted: %v; predicted but not changed: %v", round, missed, wrong)
		}
		if n := count(applied, "changed"); round == 1 && n < 24 {
			t.Errorf("round 1 should change nearly every task on both hosts, changed %d", n)
		}
		if n := count(applied, "changed"); round > 1 && (n == 0 || n > 10) {
			t.Errorf("round %d: the hand edits should change a few tasks, changed %d", round, n)
		}
		// Between rounds, edit one host by hand so a few tasks change there.
		edit := exec.Command("ssh", "-F", fleet.SSHConfigFile, "-p", "2222", fleet.Hosts[0].Addr,
			"echo 'workers = 2' >> /srv/checkmode/etc/app.conf; echo 'workers = 2' >> /srv/checkmode/etc/settings.ini; chmod 0644 /srv/checkmode/etc; rm /srv/checkmode/etc/a.conf")
		if b, err := edit.CombinedOutput(); err != nil {
			t.Fatalf("edit host: %v\n%s", err, b)
		}
	}
}

func count(m map[string]string, status string) int {
	n := 0
	for _, s := range m {
		if s == status {
			n++
		}
	}
	return n
}

// taskStatuses runs edxplay with --output json and returns the status of
// every result, keyed by "host task (item)".
func taskStatuses(t *testing.T, args []string) map[string]string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := runWithWriters(append([]string{"edxplay"}, args...), &stdout, &stderr); code != 0 {
		t.Fatalf("edxplay %v: exit %d\n%s%s", args, code, stdout.String(), stderr.String())
	}
	out := map[string]string{}
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var ev struct {
			Event, Host, Task, Status, Item string
		}
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("bad JSON event %q: %v", sc.Text(), err)
		}
		if ev.Event == "host_result" {
			out[fmt.Sprintf("%s %s (%s)", ev.Host, ev.Task, ev.Item)] = ev.Status
		}
	}
	return out
}

// checkModeFixture writes the playbook, its files and templates, a git
// repository and a tarball.
func checkModeFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"site.yml":              checkModePlaybook,
		"files/app.sh":          "#!/bin/sh\necho app\n",
		"templates/app.conf.j2": "name = {{ inventory_hostname }}\nworkers = 4\n",
		"file.txt":              "downloaded\n",
		"repo/README":           "stand-in repository\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := exec.Command("sh", "-c", "git init -q -b main && git add . && git -c user.email=t@t -c user.name=t commit -qm init")
	git.Dir = filepath.Join(dir, "repo")
	if b, err := git.CombinedOutput(); err != nil {
		t.Fatalf("git: %v\n%s", err, b)
	}
	writeTarball(t, filepath.Join(dir, "files", "bundle.tgz"), map[string]string{"bundle/x.txt": "x\n"})
	return dir
}

func writeTarball(t *testing.T, path string, files map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for name, content := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(content))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
