package playbook

import (
	"github.com/edxplay/edxplay/internal/odict"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"
)

func loadModel(t *testing.T) *Play {
	t.Helper()
	pb, err := Load("testdata/model/site.yml", testOpts)
	if err != nil {
		t.Fatal(err)
	}
	if len(pb.Plays) != 1 {
		t.Fatalf("got %d plays", len(pb.Plays))
	}
	return pb.Plays[0]
}

func TestPlayKeywords(t *testing.T) {
	p := loadModel(t)
	abs, _ := filepath.Abs("testdata/model")
	checks := []struct {
		name      string
		got, want any
	}{
		{"hosts", p.Hosts, "web,db"},
		{"dir", p.Dir, abs},
		{"become", *p.Become, true},
		{"become_user", p.BecomeUser, "root"},
		{"gather_facts", *p.GatherFacts, false},
		{"serial", p.Serial, []any{1, "50%"}},
		{"max_fail_percentage", *p.MaxFailPercentage, 20.0},
		{"strategy", p.Strategy, "free"},
		{"environment", p.Environment, []any{map[string]any{"A": "b"}}},
		{"vars_files", p.VarsFiles, []string{abs + "/vars/common.yml"}},
		{"vars_file_sets", p.VarsFileSets, [][]string{{abs + "/vars/common.yml"}, {"vars/{{ env }}.yml", abs + "/vars/default.yml"}}},
		{"merge override", odict.DeepPlain(p.Vars["derived"]).(map[string]any)["mode"], 493},
		{"merge inherited", odict.DeepPlain(p.Vars["derived"]).(map[string]any)["answer"], false},
		{"merge list", p.Vars["multi"], map[string]any{"x": 1, "y": 1, "z": 2, "w": 0}},
		{"handler listen", p.Handlers[0].Listen, []string{"restart all"}},
		{"imported roles", len(p.ImportedRoles), 1},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(odict.DeepPlain(c.got), c.want) {
			t.Errorf("%s: got %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

func TestTaskForms(t *testing.T) {
	p := loadModel(t)
	byLine := map[int]*Task{}
	for _, tk := range p.Tasks {
		byLine[tk.Pos.Line] = tk
	}
	tests := []struct {
		line            int
		action, actName string
		args            map[string]any
		delegate        string
	}{
		{50, "copy", "copy", map[string]any{"src": "a.txt", "dest": "/tmp/a", "mode": "0644"}, ""},
		{52, "shell", "shell", map[string]any{"_raw_params": "echo {{ x }} > out", "chdir": "/tmp", "creates": "/tmp/out"}, ""},
		{54, "copy", "copy", map[string]any{"src": "b", "dest": "/tmp/b"}, ""},
		{56, "command", "command", map[string]any{"_raw_params": "echo hi"}, "localhost"},
		{57, "file", "file", map[string]any{"path": "/tmp/x", "state": "directory"}, ""},
		{61, "command", "command", map[string]any{"_raw_params": "echo", "chdir": "/srv"}, ""},
		{90, "include_tasks", "include_tasks", map[string]any{"file": "sub.yml"}, ""},
		{91, "include_tasks", "include_tasks", map[string]any{"file": "{{ name }}.yml"}, ""},
		{93, "include_role", "ansible.builtin.include_role", map[string]any{"name": "app", "tasks_from": "extra"}, ""},
		{96, "set_fact", "set_fact", map[string]any{"anything": 1, "cacheable": true}, ""},
	}
	for _, tc := range tests {
		tk := byLine[tc.line]
		if tk == nil {
			t.Errorf("no task at line %d", tc.line)
			continue
		}
		if tk.Action != tc.action || tk.ActionName != tc.actName || tk.DelegateTo != tc.delegate || !reflect.DeepEqual(odict.DeepPlain(tk.Args), tc.args) {
			t.Errorf("line %d: got %s/%s %v delegate %q, want %s/%s %v delegate %q", tc.line,
				tk.Action, tk.ActionName, tk.Args, tk.DelegateTo, tc.action, tc.actName, tc.args, tc.delegate)
		}
	}
	kw := byLine[73]
	yes := true
	want := &Task{Pos: kw.Pos, Dir: kw.Dir, Name: "keywords", Action: "debug", ActionName: "debug",
		Args: map[string]any{"msg": "x"}, ChangedWhen: []string{"False"},
		FailedWhen: []string{"rc != 0"}, Register: "out", Until: "out is success",
		Retries: 3, Delay: 1, Keywords: Keywords{When: []string{"a", "b"}, IgnoreErrors: true, NoLog: true,
			RunOnce: &yes, DelegateTo: "localhost", Tags: []string{"a", "b"}, Notify: []string{"restart"}}}
	if !reflect.DeepEqual(kw, want) {
		t.Errorf("keywords task:\n got %+v\nwant %+v", kw, want)
	}
	loop := byLine[65].Loop
	wantLoop := &Loop{Kind: "dict", Items: "{{ d }}", LoopVar: "kv", IndexVar: "idx", Label: "{{ kv.key }}", Pause: 1, Extended: true}
	if !reflect.DeepEqual(loop, wantLoop) {
		t.Errorf("loop: got %+v, want %+v", loop, wantLoop)
	}
	if w := byLine[105].When; !reflect.DeepEqual(w, []string{"True"}) {
		t.Errorf("when: true gave %v", w)
	}
}

func TestRoles(t *testing.T) {
	p := loadModel(t)
	if len(p.Roles) != 3 {
		t.Fatalf("got %d roles", len(p.Roles))
	}
	r0, r1, r2 := p.Roles[0], p.Roles[1], p.Roles[2]
	if r0.Key != r1.Key {
		t.Errorf("identical role entries got different keys:\n%s\n%s", r0.Key, r1.Key)
	}
	if r0.Key == r2.Key {
		t.Errorf("different params share a key %s", r0.Key)
	}
	if r0.Role == r1.Role {
		t.Errorf("role refs share a *Role; tasks must carry their own ref")
	}
	role := r0.Role
	checks := []struct {
		name      string
		got, want any
	}{
		{"params", r0.Params, map[string]any{"app_port": 8000}},
		{"when", r0.When, []string{"deploy_app"}},
		{"tags", r0.Tags, []string{"app"}},
		{"defaults", role.Defaults, map[string]any{"app_port": 80, "app_user": "edx"}},
		{"vars", role.Vars, map[string]any{"app_dir": "/edx/app"}},
		{"allow_duplicates", role.AllowDuplicates, false},
		{"task role", role.Tasks[0].Role, r0},
		{"task name", role.Tasks[0].DisplayName(), "app : app main"},
		{"handler", role.Handlers[0].Name, "restart app"},
		{"path", filepath.Base(role.Path), "app"},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(odict.DeepPlain(c.got), c.want) {
			t.Errorf("%s: got %#v, want %#v", c.name, c.got, c.want)
		}
	}
	imp := p.ImportedRoles[0]
	if imp.TasksFrom != "extra" || len(imp.Role.TaskFiles["more.yml"]) != 1 {
		t.Errorf("import_role: tasks_from %q, task files %v", imp.TasksFrom, imp.Role.TaskFiles)
	}
}

func TestIncludeAtRunTime(t *testing.T) {
	p := loadModel(t)
	var inc, incRole *Task
	for _, tk := range p.Tasks {
		if tk.Action == "include_tasks" && inc == nil {
			inc = tk
		}
		if tk.Action == "include_role" {
			incRole = tk
		}
	}
	tasks, err := IncludeTasks(inc, "sub.yml", p, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	if len(tasks) != 2 || tasks[0].Name != "sub task" || tasks[1].Action != "include_tasks" {
		t.Fatalf("include_tasks loaded %+v", tasks)
	}
	nested, err := IncludeTasks(tasks[1], "sub2.yml", p, testOpts)
	if err != nil || len(nested) != 1 || nested[0].Args["_raw_params"] != "echo sub2" {
		t.Fatalf("nested include: %v %+v", err, nested)
	}
	ref, err := IncludeRole(incRole, map[string]any{"name": "app", "tasks_from": "extra"}, p, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	if ref.Public || ref.Role.Tasks[0].Name != "app extra" || ref.Role.Tasks[0].Role != ref {
		t.Errorf("include_role gave %+v", ref)
	}
	roleTasks, err := IncludeTasks(ref.Role.Tasks[0], "more.yml", p, testOpts)
	if err != nil || len(roleTasks) != 1 || roleTasks[0].Role != ref {
		t.Errorf("include_tasks inside a role: %v %+v", err, roleTasks)
	}
	if _, err := IncludeTasks(inc, "missing.yml", p, testOpts); err == nil {
		t.Error("missing include: want an error")
	}
}

func TestBuiltinRoles(t *testing.T) {
	builtin := fstest.MapFS{
		"app/tasks/main.yml":      {Data: []byte("- name: builtin app\n  debug: msg=b\n")},
		"embedded/tasks/main.yml": {Data: []byte("- name: builtin only\n  debug: msg=e\n- bogus: 1\n")},
		"good/tasks/main.yml":     {Data: []byte("- name: good\n  debug: msg=g\n")},
		"good/defaults/main.yml":  {Data: []byte("x: 1\n")},
	}
	opts := testOpts
	opts.BuiltinRoles = builtin
	p := loadModel(t)
	sc := &scope{l: newLoader(opts, p.Dir), play: p}
	tests := []struct {
		name, wantTask string
		builtin        bool
		wantErr        string
	}{
		{"app", "app main", false, ""}, // on disk wins
		{"good", "good", true, ""},
		{"embedded", "", true, "builtin:embedded/tasks/main.yml:3:3: unknown module or keyword 'bogus'"},
	}
	for _, tc := range tests {
		ref := &RoleRef{Name: tc.name, Public: true}
		err := sc.l.loadRole(sc, ref, nil)
		if tc.wantErr != "" {
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("%s: got error %v, want %s", tc.name, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := ref.Role.Tasks[0].Name; got != tc.wantTask || (ref.Role.FS != nil) != tc.builtin {
			t.Errorf("%s: first task %q builtin %v", tc.name, got, ref.Role.FS != nil)
		}
	}
}
