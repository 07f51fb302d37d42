package jinja

import (
	"fmt"
	"sort"
	"sync"

	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/taint"
)

// Lazy is a mapping whose values are produced on demand. The engine uses it
// for hostvars-like data; a *Scope is itself Lazy. Values of other Lazy
// implementations are read in full when a template touches them, except
// values that are *Scope, which stay lazy.
type Lazy interface {
	// Get returns the final (templated) value of key and whether it exists.
	Get(key string) (any, bool, error)
	// Keys lists the available keys.
	Keys() []string
}

// Scope holds raw variables (already merged by precedence) and templates
// each one the first time it is read, like Ansible's lazy variable access.
type Scope struct {
	engine *Engine
	parent *Scope
	raw    map[string]any

	mu       sync.Mutex
	resolved map[string]resolution
	// find, when set, resolves relative files for includes and lookups made
	// while rendering in this scope (a role's templates/ and files/).
	find FindFunc
	// searchPath, when set, is ansible_search_path for lookups when the
	// scope has no such variable.
	searchPath func() []string
	// loaded, when set, reports whether a raw variable of this scope was
	// read from YAML text (its strings are AnsibleUnicode).
	loaded func(name string) bool
}

type resolution struct {
	value any
	// typed is value with the types of its strings inside (templateAs
	// with keep); it is value when there are none.
	typed any
	// flags are the marks of the value and of what its rendering read
	// (Secret: all of the value is secret).
	flags taint.Flags
	// holds is set when the value is, or holds, a known secret string.
	holds bool
	err   error
	// value converted for templates, when it holds no lazy mapping.
	converted *jinja2.Value
}

// NewScope builds a scope over raw variables; values are templated lazily
// with this engine when first read.
func (e *Engine) NewScope(vars map[string]any) *Scope {
	return &Scope{engine: e, raw: vars, resolved: map[string]resolution{}}
}

// With returns a child scope whose raw variables override the receiver's.
// Variables of the parent are re-resolved in the child so that they see the
// overriding values (as Ansible's flat variable namespace does).
func (s *Scope) With(vars map[string]any) *Scope {
	return &Scope{engine: s.engine, parent: s, raw: vars, resolved: map[string]resolution{}, find: s.find,
		searchPath: s.searchPath}
}

// SetFind makes renderings in this scope resolve relative include and
// lookup files with find before the engine's own Find.
func (s *Scope) SetFind(find FindFunc) { s.find = find }

// SetLoaded tells which raw variables of this scope hold values read from
// YAML text: their strings that templating leaves as they are keep
// Ansible's AnsibleUnicode type (type_debug).
func (s *Scope) SetLoaded(loaded func(name string) bool) { s.loaded = loaded }

// fromYAML reports whether name's raw value, in the scope that holds it,
// was read from YAML text.
func (s *Scope) fromYAML(name string) bool {
	for c := s; c != nil; c = c.parent {
		if _, ok := c.raw[name]; ok {
			return c.loaded != nil && c.loaded(name)
		}
	}
	return false
}

// SetSearchPath gives lookups in this scope the directories they search
// (Ansible's ansible_search_path: the role's, the task file's, the
// playbook's).
func (s *Scope) SetSearchPath(dirs func() []string) { s.searchPath = dirs }

// Raw returns the untemplated value of name (with its taint marks).
func (s *Scope) Raw(name string) (any, bool) {
	for c := s; c != nil; c = c.parent {
		if v, ok := c.raw[name]; ok {
			return v, true
		}
	}
	return nil, false
}

// Has reports whether name is defined in the scope.
func (s *Scope) Has(name string) bool {
	_, ok := s.Raw(name)
	return ok
}

// Keys lists every variable name visible in the scope, sorted.
func (s *Scope) Keys() []string {
	seen := map[string]bool{}
	for c := s; c != nil; c = c.parent {
		for k := range c.raw {
			seen[k] = true
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Get returns the fully templated value of name.
func (s *Scope) Get(name string) (any, bool, error) {
	return s.resolve(name, newState())
}

// resolve templates a variable once, detecting reference cycles through st.
func (s *Scope) resolve(name string, st *state) (any, bool, error) {
	r, ok := s.resolveMarked(name, st)
	return r.value, ok, r.err
}

// resolveMarked is resolve, with the marks of the value: an unsafe raw value
// is never templated, and a value that is or holds a known secret is secret.
func (s *Scope) resolveMarked(name string, st *state) (resolution, bool) {
	raw, ok := s.Raw(name)
	if !ok {
		return resolution{}, false
	}
	s.mu.Lock()
	r, done := s.resolved[name]
	s.mu.Unlock()
	if done {
		return r, true
	}
	key := stackKey{scope: s, name: name}
	if st.active[key] {
		st.loop = &RecursionError{Source: pyStr(raw)}
		return resolution{err: st.loop}, true
	}
	st.active[key] = true
	typed, flags, err := s.engine.templateAs(raw, s, st, typing{keep: true})
	delete(st.active, key)
	if err != nil {
		if _, undefined := asUndefined(err); undefined {
			err = &UndefinedError{Name: name, Hint: err.Error()}
		}
	}
	value := typed
	if _, isString := typed.(string); !isString && typed != nil && err == nil {
		value, _ = taint.Strip(typed)
	}
	r = resolution{value: value, typed: typed, flags: flags, err: err}
	r.holds = err == nil && taint.Known(s.engine.opts.Secrets, value)
	s.mu.Lock()
	s.resolved[name] = r
	s.mu.Unlock()
	return r, true
}

// state tracks the variables being resolved by one top-level call.
type state struct {
	active map[stackKey]bool
	// loop is the reference cycle met, reported instead of the error
	// chain that the templates it went through wrap around it.
	loop *RecursionError
	// items counts the list items and dict values templated by the call,
	// bounded by maxTemplatedItems.
	items int
}

// maxTemplatedItems bounds how many list items and dict values one call
// may template. YAML aliases share a value, so a small document (an alias
// bomb) can stand for billions of items once they are copied.
const maxTemplatedItems = 1 << 22

// expand counts n more templated items against the call's budget.
func (st *state) expand(n int) error {
	if st == nil {
		return nil
	}
	st.items += n
	if st.items > maxTemplatedItems {
		return fmt.Errorf("value expands to more than %d items (a YAML alias bomb?)", maxTemplatedItems)
	}
	return nil
}

type stackKey struct {
	scope *Scope
	name  string
}

func newState() *state { return &state{active: map[stackKey]bool{}} }

// converted returns the template value of a resolved variable, converted
// once per scope when it holds no lazy mapping (those are tied to rc).
func (s *Scope) converted(name string, r resolution, rc *renderCtx) jinja2.Value {
	if r.converted != nil {
		return *r.converted
	}
	c := &converter{rc: rc}
	v := withFlags(c.toValue(r.typed), r.flags)
	if raw, ok := s.Raw(name); ok && s.fromYAML(name) {
		v = markLoaded(raw, v)
	}
	if !c.lazy {
		s.mu.Lock()
		if cur, ok := s.resolved[name]; ok && cur.err == nil {
			cur.converted = &v
			s.resolved[name] = cur
		}
		s.mu.Unlock()
	}
	return v
}

// lazyMap exposes a scope to templates as a mapping with lazy items (used
// for hostvars entries).
type lazyMap struct {
	scope *Scope
	// rc, when set, is the rendering that reads through it.
	rc *renderCtx
}

// TypeName implements jinja2.Object.
func (l *lazyMap) TypeName() string { return "dict" }

// Attr implements jinja2.Object: the variable, templated in its scope.
func (l *lazyMap) Attr(name string) (jinja2.Value, bool) {
	if m, ok := mappingMethod(l, name); ok {
		return m, true
	}
	rc := l.rc
	if rc == nil {
		rc = l.scope.engine.newRenderCtx(l.scope, newState(), "")
	}
	r, found := l.scope.resolveMarked(name, rc.st)
	if !found {
		return jinja2.None, false
	}
	if _, undefined := asUndefined(r.err); undefined {
		// HostVarsVars templates an item with fail_on_undefined=False:
		// one that meets an undefined variable is its raw text, unsafe
		raw, _ := l.scope.Raw(name)
		r = resolution{value: raw, typed: raw, flags: taint.Unsafe}
	}
	return rc.expose(l.scope, name, r), true
}

// Iter implements iteration: the variable names.
func (l *lazyMap) Iter() []jinja2.Value { return strValues(l.scope.Keys()) }

// Has implements `in`: whether the scope defines key.
func (l *lazyMap) Has(key jinja2.Value) bool {
	return key.Kind() == jinja2.StrKind && l.scope.Has(key.StrValue())
}

// Len is the number of variables.
func (l *lazyMap) Len() int { return len(l.scope.Keys()) }

// PyValue lets pyvalue format the mapping (to_json): it reads every key.
func (l *lazyMap) PyValue() any { return plain(materialize(l.scope)) }

// Repr renders the whole scope like a Python dict (it reads every key).
// As str() of Ansible's HostVarsVars (templated with
// fail_on_undefined=False), a variable whose template meets an undefined
// one shows its raw value.
func (l *lazyMap) Repr() string { return pyRepr(l.scope.readLenient()) }

// readLenient reads every key of the scope; a key whose value fails on
// an undefined variable is its raw value.
func (s *Scope) readLenient() map[string]any {
	out := map[string]any{}
	for _, k := range s.Keys() {
		v, ok, err := s.Get(k)
		if _, undefined := asUndefined(err); undefined {
			v, ok = s.Raw(k)
			err = nil
		}
		switch {
		case err != nil:
			out[k] = &UndefinedError{Hint: err.Error()}
		case ok:
			out[k] = v
		}
	}
	return out
}

func (l *lazyMap) all() map[string]any     { return materialize(l.scope) }
func (l *lazyMap) context() *renderCtx     { return l.rc }
func (l *lazyObject) all() map[string]any  { return materialize(l.lazy) }
func (l *lazyObject) context() *renderCtx  { return l.rc }
func (l *lazyObject) TypeName() string     { return "dict" }
func (l *lazyObject) Repr() string         { return pyRepr(materialize(l.lazy)) }
func (l *lazyObject) Len() int             { return len(l.lazy.Keys()) }
func (l *lazyObject) Iter() []jinja2.Value { return strValues(l.lazy.Keys()) }

// lazyObject exposes a Lazy mapping (hostvars) to templates: items are
// read when used.
type lazyObject struct {
	lazy Lazy
	rc   *renderCtx
}

// Attr implements jinja2.Object.
func (l *lazyObject) Attr(name string) (jinja2.Value, bool) {
	if m, ok := mappingMethod(l, name); ok {
		return m, true
	}
	v, ok, err := l.lazy.Get(name)
	switch {
	case err != nil:
		return jinja2.UndefinedHint(err.Error()), true
	case !ok:
		return jinja2.None, false
	}
	return (&converter{rc: l.rc}).toValue(v), true
}

// Has implements `in`.
func (l *lazyObject) Has(key jinja2.Value) bool {
	if key.Kind() != jinja2.StrKind {
		return false
	}
	_, ok, err := l.lazy.Get(key.StrValue())
	return ok && err == nil
}

func strValues(keys []string) []jinja2.Value {
	out := make([]jinja2.Value, len(keys))
	for i, k := range keys {
		out[i] = jinja2.Str(k)
	}
	return out
}

// mappingMethod returns the dict methods of a lazy mapping (keys, values,
// items, get), as Python's Mapping has them.
func mappingMethod(m lazyMapping, name string) (jinja2.Value, bool) {
	switch name {
	case "keys", "values", "items", "get":
	default:
		return jinja2.None, false
	}
	return jinja2.Func(name, func(cc *jinja2.CallContext, args []jinja2.Value, kw *jinja2.Dict) (jinja2.Value, error) {
		d := readLazy(jinja2.ObjectValue(m))
		return cc.Call(jinja2.GetAttr(d, name), args, kw)
	}), true
}
