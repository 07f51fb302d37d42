"""The lookup expressions regen.py records (and the Go test replays)."""
import json
import os

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "vars.json")) as fh:
    VARS = json.load(fh)

ROLE = {"ansible_search_path": ["@PLAY@/roles/r1", "@PLAY@/roles/r1/tasks", "@PLAY@"], "role_path": "@PLAY@/roles/r1"}
NOPATH = {"ansible_search_path": None}


def c(expr, **vars):
    case = {"expr": expr}
    if vars:
        case["vars"] = vars
    return case


CASES = []
for fn in ["lookup", "query", "q"]:
    CASES += [c(fn + "('file', 'hello.txt')"), c(fn + "('file', 'hello.txt', 'multi.txt')"),
              c(fn + "('list', 1, 2)"), c(fn + "('list', 'a', 'b')"), c(fn + "('list')"),
              c(fn + "('items', [1, [2, [3]]], 4)"), c(fn + "('nope')"), c(fn + "()"),
              c(fn + "('file', 'missing.txt')"), c(fn + "('file', 'missing.txt', errors='ignore')"),
              c(fn + "('file', 'missing.txt', errors='warn')"), c(fn + "('file', 'missing.txt', errors='bogus')"),
              c(fn + "('env', 'EDX_LT_A')"), c(fn + "('list', 'a', wantlist=True)"), c(fn + "('list', 'a', wantlist=False)"),
              c(fn + "('list', 'a', 'b', allow_unsafe=True)"), c(fn + "('list', 'a', allow_unsafe=0)"),
              c(fn + "(name='list')"), c(fn + "('list', name='list')"), c(fn + "('ansible.builtin.list', 'z')"),
              c(fn + "('vars', 'nope')"), c(fn + "('vars', 'nope', errors='ignore')"), c(fn + "('dict', 1)"),
              c(fn + "('first_found', 'missing.txt', errors='ignore')"), c(fn + "('list', undefined_var)")]
CASES += [
    c("lookup('file', 'hello.txt', rstrip=false)"), c("lookup('file', 'hello.txt', lstrip=true)"),
    c("lookup('file', 'hello.txt', rstrip='no', lstrip='yes')"), c("lookup('file', 'hello.txt', bogus=1)"),
    c("lookup('file', 'top.txt')"), c("lookup('file', 'files/hello.txt')"), c("lookup('file', '@PLAY@/files/multi.txt'.replace('@PLAY@', play))"),
    c("lookup('file', 'rolefile.txt')", **ROLE), c("lookup('file', 'rolefile.txt')"), c("lookup('file', 'hello.txt')", **ROLE),
    c("lookup('file', 'secret.txt')"), c("lookup('file', 1)"), c("lookup('file', '')"),
    c("lookup('file', 'hello.txt', 'missing.txt')"), c("lookup('file', 'hello.txt') | length"),
    c("lookup('file', 'hello.txt', wantlist=True)"), c("query('file', 'hello.txt', 'multi.txt')"),
    c("lookup('file', 'hello.txt')", **NOPATH),
    c("lookup('unvault', 'secret.txt')"), c("lookup('unvault', 'hello.txt')"), c("lookup('unvault', 'missing.txt')"),
    c("lookup('env', 'EDX_LT_A', 'EDX_LT_B')"), c("lookup('env', 'EDX_LT_MISSING')"),
    c("lookup('env', 'EDX_LT_MISSING', default='dflt')"), c("lookup('env', 'EDX_LT_A extra words')"),
    c("lookup('env', 'EDX_LT_MISSING', default=none)"), c("query('env', 'EDX_LT_MISSING', 'EDX_LT_A', default=5)"),
    c("lookup('env', 1)"), c("lookup('env', '')"), c("lookup('env', 'EDX_LT_B')"),
    c("lookup('vars', 'x')"), c("lookup('vars', 'templated')"), c("lookup('vars', 'l')"), c("lookup('vars', 'd')"),
    c("lookup('vars', 'x', 'name')"), c("lookup('vars', 'nope', default='dflt')"), c("lookup('vars', 'nope', default=7)"),
    c("lookup('vars', 'broken')"), c("lookup('vars', 'broken', default='d')"), c("lookup('vars', 1)"),
    c("lookup('vars', 'hostonly')"), c("query('vars', 'x', 'l')"), c("lookup('vars', 'r_' ~ x)"),
    c("lookup('varnames', '^r_')"), c("lookup('varnames', '^x$')"), c("lookup('varnames', 'nomatch')"),
    c("lookup('varnames', '^r_', '^name$')"), c("query('varnames', '^r_')"), c("lookup('varnames', 1)"),
    c("lookup('items', l, 3)"), c("lookup('items', d)"), c("query('items', 'a', ['b', 'c'])"), c("query('items')"),
    c("lookup('list', l)"), c("query('list', l, d)"),
    c("lookup('indexed_items', ['a', 'b'])"), c("query('indexed_items', 'a', ['b', ['c']])"), c("query('indexed_items')"),
    c("query('dict', d)"), c("query('dict', d, {'z': 0})"), c("lookup('dict', d)"), c("query('dict', l)"), c("query('dict')"),
    c("query('together', [1, 2, 3], ['a', 'b'])"), c("query('together', [1], [2], [3, 4])"), c("query('together')"),
    c("query('together', 'l', [5])"), c("query('together', [[1, 2]], [3])"),
    c("query('nested', [1, 2], ['a', 'b'])"), c("query('nested', [1], ['a', 'b'], ['x'])"), c("query('nested')"),
    c("query('nested', [[1, 2]], [3])"), c("query('nested', ['a'], [])"), c("query('nested', 'ab', ['c'])"),
    c("query('subelements', users, 'groups')"), c("query('subelements', users, 'groups', {'skip_missing': True})"),
    c("query('subelements', users, 'auth.keys')"), c("query('subelements', userdict, 'groups')"),
    c("query('subelements', users)"), c("query('subelements', 1, 'groups')"), c("query('subelements', users, 1)"),
    c("query('subelements', [1], 'groups')"), c("query('subelements', users, 'name')"),
    c("query('subelements', users, 'auth.keys', {'skip_missing': True})"), c("query('subelements', users, 'groups', 5)"),
    c("query('subelements', [{'a': {'b': 1}}], 'a.b')"), c("query('subelements', [{'skipped': True}], 'a')"),
    c("query('subelements', {'skipped': True}, 'a')"), c("query('subelements', [{'a': 1}], 'a.b')"),
    c("query('subelements', [{'a': 1}], 'a.b', {'skip_missing': 'yes'})"),
    c("query('random_choice', 'only')"), c("lookup('random_choice')"), c("query('random_choice')"),
]
for term in ["5", "1-3", "2-10/2", "4:host%02d", "0x0a-0x0c", "start=5 end=11 stride=2 format=0x%02x", "count=5",
             "start=0x0f00 count=4 format=%04x", "start=0 count=5 stride=2", "start=1 count=5 stride=2", "count=0",
             "start=5 end=1", "start=5 end=1 stride=-1", "start=1 end=5 stride=-1", "end=3 format=%d-%d",
             "end=3 format=%s", "end=3 format=x", "end=3 bogus=1", "start=x end=3", "start=1", "count=2 end=3",
             "08", "1-08", "3 format=%d", "end=3 stride=0", "end=0", "start=3 end=3", "f", "0x1f:%x", "end=2 format=%05.1f"]:
    CASES.append(c("query('sequence', %r)" % term))
CASES += [c("lookup('sequence', 'end=3')"), c("query('sequence', 'end=2', 'start=5 end=6')"), c("query('sequence', 3)")]
CASES += [
    c("query('fileglob', '*.txt')"), c("query('fileglob', '*.csv')"), c("query('fileglob', 'files/*.ini')"),
    c("query('fileglob', '*.nomatch')"), c("query('fileglob', '*.txt')", **ROLE), c("lookup('fileglob', '*.ini')"),
    c("query('fileglob', 'nodir/*.txt')"), c("query('fileglob', '*.j2')"), c("query('fileglob', 'templates/*.j2')"),
    c("query('fileglob', '*.txt', '*.ini')"),
    c("lookup('first_found', 'missing.txt', 'hello.txt')"), c("lookup('first_found', ['missing.txt', 'multi.txt'])"),
    c("lookup('first_found', candidates)"), c("lookup('first_found', 'missing.txt')"),
    c("query('first_found', 'missing.txt', skip=True)"), c("lookup('first_found', 'missing.txt', skip=True)"),
    c("lookup('first_found', {'files': ['missing.txt', 'hello.txt']})"),
    c("lookup('first_found', {'files': 'missing.txt,hello.txt'})"),
    c("lookup('first_found', {'files': ['hello.txt'], 'paths': ['nodir', 'files']})"),
    c("lookup('first_found', {'files': ['hello.txt'], 'paths': 'nodir:files'})"),
    c("lookup('first_found', {'files': ['missing.txt'], 'skip': True})"),
    c("lookup('first_found', 'x', files=['missing.txt', 'top.txt'])"), c("lookup('first_found', 'x', files='top.txt', paths='.')"),
    c("lookup('first_found', 'rolefile.txt')", **ROLE), c("lookup('first_found', 'main.yml')", **ROLE),
    c("lookup('first_found', '{{ name }}.txt', 'hello.txt')"), c("lookup('first_found', '{{ nope }}.txt', 'hello.txt')"),
    c("lookup('first_found', 1)"), c("lookup('first_found', [])"), c("query('first_found')"),
    c("lookup('first_found', 'secret.txt')"), c("lookup('first_found', 'files/hello.txt')"),
    c("lookup('first_found', '@PLAY@/top.txt'.replace('@PLAY@', play))"),
    c("lookup('template', 'greet.j2')"), c("lookup('template', 'greet.j2', template_vars={'extra': ' extra', 'name': 'tv'})"),
    c("lookup('template', 'delims.j2', variable_start_string='[[', variable_end_string=']]', comment_start_string='#*', comment_end_string='*#')"),
    c("lookup('template', 'list.j2')"), c("lookup('template', 'list.j2', convert_data=False)"),
    c("query('template', 'greet.j2', 'list.j2')"), c("lookup('template', 'missing.j2')"), c("lookup('template', 'rt.j2')", **ROLE),
    c("lookup('template', 'greet.j2') | length"),
    c("lookup('pipe', 'echo hi')"), c("lookup('pipe', 'printf \"a  \\n\\n\"')"), c("lookup('pipe', 'exit 3')"),
    c("lookup('pipe', 'echo a', 'echo b')"), c("lookup('pipe', 'cat top.txt')"), c("lookup('pipe', 'kill -9 $$')"),
    c("query('lines', 'printf \"a\\nb\\r\\nc\\rd\"')"), c("lookup('lines', 'printf \"a\\nb\"')"), c("query('lines', 'exit 2')"),
    c("query('lines', 'true')"), c("lookup('lines', 'true')"),
    c("lookup('csvfile', 'alice file=data.csv delimiter=,')"), c("lookup('csvfile', 'alice file=data.csv delimiter=, col=2')"),
    c("lookup('csvfile', 'bob file=data.csv delimiter=, col=2')"), c("lookup('csvfile', 'carol file=data.csv delimiter=, col=2')"),
    c("lookup('csvfile', 'dave file=data.csv delimiter=, default=none')"), c("lookup('csvfile', 'dave file=data.csv delimiter=,')"),
    c("lookup('csvfile', 'alice')"), c("lookup('csvfile', 'bob', col=0)"), c("lookup('csvfile', 'file=data.csv')"),
    c("lookup('csvfile', 'alice file=data.csv delimiter=, bogus=1')"), c("lookup('csvfile', 'alice file=missing.csv')"),
    c("lookup('csvfile', 'alice file=data.csv delimiter=, col=x')"), c("lookup('csvfile', 'alice file=data.csv delimiter=,,')"),
    c("lookup('csvfile', 'alice', file='data.csv', delimiter=',', col='1')"), c("query('csvfile', 'alice file=data.csv delimiter=,', 'bob')"),
    c("lookup('csvfile', 'alice file=data.csv delimiter=, col=-1')"),
    c("lookup('ini', 'user section=db file=conf.ini')"), c("lookup('ini', 'name file=conf.ini')"),
    c("lookup('ini', 'user', section='db', file='conf.ini')"), c("lookup('ini', 'password', section='db', file='conf.ini')"),
    c("lookup('ini', 'Password', section='db', file='conf.ini', case_sensitive=True)"),
    c("lookup('ini', 'password', section='db', file='conf.ini', case_sensitive=True)"),
    c("lookup('ini', 'url', section='db', file='conf.ini')"), c("lookup('ini', 'pct', section='db', file='conf.ini')"),
    c("lookup('ini', 'multi', section='db', file='conf.ini')"), c("lookup('ini', 'color', section='db', file='conf.ini')"),
    c("lookup('ini', 'nokey', section='db', file='conf.ini')"), c("lookup('ini', 'nokey', section='db', file='conf.ini', default='dflt')"),
    c("lookup('ini', 'user', section='nosec', file='conf.ini')"), c("query('ini', '.*', section='db', file='conf.ini', re=True)"),
    c("query('ini', 'u.*', section='db', file='conf.ini', re=True)"), c("lookup('ini', 'bare', section='db', file='conf.ini')"),
    c("lookup('ini', 'user', section='db', file='conf.ini', allow_no_value=True)"),
    c("lookup('ini', 'bare', section='s', file='novalue.ini', allow_no_value=True)"),
    c("lookup('ini', 'k', section='s', file='novalue.ini', allow_none=True)"), c("lookup('ini', 'k', section='s', file='dup.ini')"),
    c("lookup('ini', 'log.level', type='properties', file='app.properties')"),
    c("lookup('ini', 'log.file type=properties file=app.properties')"), c("lookup('ini', 'user', file='missing.ini')"),
    c("lookup('ini', 'user section=db file=conf.ini bogus=1')"), c("lookup('ini', 'section=db file=conf.ini')"),
    c("lookup('ini', 'user section=db file=conf.ini a=b=c')"), c("lookup('ini', 'name', file='conf.ini')"),
    c("query('ini', 'user section=db file=conf.ini', 'name')"),
    c("lookup('password', '/dev/null seed=abc')"), c("lookup('password', '/dev/null seed=abc length=8 chars=digits')"),
    c("lookup('password', '/dev/null', seed='abc', length=12, chars=['ascii_lowercase', '-'])"),
    c("lookup('password', '/dev/null seed=x length=5 chars=ascii_letters,,')"),
    c("lookup('password', '/dev/null seed=x length=5 chars=\"\\'\"')"), c("lookup('password', '/dev/null seed=1 length=0')"),
    c("lookup('password', 'passwords/existing')"), c("lookup('password', 'passwords/existing length=3')"),
    c("lookup('password', 'passwords/salted')"), c("lookup('password', '/dev/null bogus=1')"),
    c("lookup('password', '/dev/null length=x')"), c("lookup('password', '/dev/null seed=abc', length='7')"),
    c("lookup('config', 'DEFAULT_FORKS')"), c("lookup('config', 'DEFAULT_FORKS', 'HOST_KEY_CHECKING')"),
    c("lookup('config', 'NOPE_NOT_A_SETTING')"), c("lookup('config', 'NOPE_NOT_A_SETTING', on_missing='skip')"),
    c("query('config', 'NOPE_NOT_A_SETTING', on_missing='warn')"), c("lookup('config', 'DEFAULT_FORKS', on_missing='bogus')"),
    c("lookup('config', 'DEFAULT_FORKS', plugin_type='connection')"), c("lookup('config', 1)"),
    c("lookup('config', 'DEFAULT_GATHERING')"),
]


def loop(name, terms, subdir=None, **vars):
    case = {"loop": name, "terms": terms}
    if subdir:
        case["subdir"] = subdir
    if vars:
        case["vars"] = vars
    return case


# with_<lookup>: TaskExecutor._get_loop_items (listify, run with
# wantlist=True, wrap_var).
LOOPS = [
    loop("items", [1, [2, [3]], "a"]), loop("items", "{{ l }}"), loop("items", "{{ d }}"), loop("items", "plain"),
    loop("items", "{{ undefined_var }}"), loop("items", 5), loop("items", []), loop("items", "  {{ l }}  "),
    loop("list", "{{ l }}"), loop("list", "{{ d }}"), loop("list", [[1, 2], 3]),
    loop("dict", "{{ d }}"), loop("dict", {"k": "v", "n": 1}), loop("dict", "{{ l }}"), loop("dict", [{"a": 1}, {"b": 2}]),
    loop("indexed_items", ["a", ["b", "c"]]), loop("indexed_items", "{{ d }}"),
    loop("together", ["{{ l }}", ["a", "b", "c"]]), loop("nested", ["{{ l }}", ["a", "b"]]),
    loop("nested", [["x"], "l"]), loop("subelements", ["{{ users }}", "groups"]),
    loop("subelements", ["{{ userdict }}", "groups"]), loop("sequence", "start=1 end=3"),
    loop("sequence", ["count=2", "end=1"]), loop("fileglob", "*.csv"),
    loop("first_found", ["missing.j2", "greet.j2"], "templates"), loop("first_found", ["missing.j2", "greet.j2"]),
    loop("first_found", ["{{ nope }}.txt", "hello.txt"]), loop("first_found", ["main.yml"], "vars", **ROLE),
    loop("first_found", {"files": ["x.txt", "top.txt"], "skip": True}), loop("first_found", ["none.txt"]),
    loop("env", ["EDX_LT_A"]), loop("lines", "printf 'a\\nb'"), loop("file", ["hello.txt", "multi.txt"]),
    loop("nope", [1]), loop("random_choice", ["only"]), loop("varnames", "^r_"),
]

CASES += [
    c("lookup('template', 'outer.j2')"), c("lookup('template', 'rt.j2')"),
    c("query('ini', 'p.*', section='db', file='conf.ini', re=True, case_sensitive=True)"),
    c("lookup('ini', 'user section=db file=conf.ini', section='global')"),
    c("lookup('ini', 'user', section='db', file='conf.ini', type='bogus')"),
    c("lookup('csvfile', 'bob', file='data.csv', delimiter=',', encoding='latin-1')"),
    c("lookup('csvfile', 'bob file=data.csv delimiter=, col=1', default='x')"),
    c("lookup('sequence', 'start=-3 end=-1')"), c("lookup('sequence', '-1')"), c("query('sequence', 'start=10 end=0 stride=-5')"),
    c("lookup('password', '/dev/null seed=abc chars=punctuation length=6')"),
    c("lookup('password', '/dev/null seed=abc chars=hexdigits,octdigits length=6')"),
    c("lookup('password', '/dev/null', seed=5, length=6)"),
    c("lookup('items', 'a', errors='ignore')"), c("lookup('list', ['a', 'b'])"), c("lookup('list', [['a']])"),
    c("lookup('file', 'hello.txt', 'hello.txt') | length"), c("lookup('vars', 'd', 'l')"),
    c("lookup('varnames', '(')"), c("lookup('env', 'EDX_LT_A', default=undefined_thing)"),
    c("lookup('first_found', {'files': ['hello.txt'], 'paths': ['files', 'nodir']}, skip=True)"),
    c("lookup('first_found', [{'files': ['nope.txt'], 'skip': True}, 'hello.txt'])"),
    c("lookup('first_found', [{'files': ['nope.txt'], 'skip': True}, 'nope2.txt'])"),
    c("lookup('first_found', 'hello.txt', files=['multi.txt'])"),
    c("lookup('fileglob', '/nonexistent/*')"), c("lookup('fileglob', 1)"),
    c("lookup('dict', {})"), c("query('dict', {'a': {'b': 1}})"), c("lookup('subelements', users, 'groups', wantlist=True)"),
]

# ini's encoding option (the file is read with it).
CASES += [
    c("lookup('ini', 'k', section='s', file='latin1.ini', encoding='latin-1')"),
    c("lookup('ini', 'k section=s file=latin1.ini encoding=iso8859-1')"),
    c("lookup('ini', 'user', section='db', file='conf.ini', encoding='nosuchcodec')"),
]

# with_<lookup> for the lookups ansible-core's targets loop over.
LOOPS += [
    loop("ini", "k section=s file=latin1.ini encoding=latin-1"), loop("lines", ["printf 'x\\ny'", "echo z"]),
    loop("together", [[], [1]]), loop("indexed_items", "plain"), loop("sequence", "start=0 junk=3"),
    loop("sequence", "start=A end=3"), loop("subelements", ["{{ users }}", "auth.keys"]),
]

# with_flattened (community.general's flattened, where ansible-core 2.14
# routes the short name).
LOOPS += [
    loop("flattened", [1, [2, [3, [4]]], "a"]), loop("flattened", ["{{ l }}", ["x", ["y"]]]),
    loop("flattened", [[[5]], "plain", "None", 6]), loop("flattened", ["l", "{{ d }}"]),
    loop("flattened", "{{ l }}"), loop("flattened", [["{{ l }}"], []]),
]

# inventory_hostnames over the groups variable.
GROUPS = {"groups": {"all": ["n1", "t1", "t2", "t3", "web10"], "ungrouped": ["n1"], "g1": ["t1", "t3", "t2"], "g2": ["t2", "web10"]}}
CASES += [
    c("lookup('inventory_hostnames', 'g1', wantlist=True)", **GROUPS), c("lookup('inventory_hostnames', 'g1:!t3')", **GROUPS),
    c("lookup('inventory_hostnames', 'g1:&g2', wantlist=True)", **GROUPS), c("query('inventory_hostnames', 'nope')", **GROUPS),
    c("query('inventory_hostnames', 'all')", **GROUPS), c("query('inventory_hostnames', 't?')", **GROUPS),
    c("query('inventory_hostnames', 'g1[1:]', 'web*')", **GROUPS), c("query('inventory_hostnames', '~t[12]')", **GROUPS),
    c("query('inventory_hostnames', 'ungrouped,g2')", **GROUPS), c("query('inventory_hostnames', 'g1[')", **GROUPS),
]

# csvfile quoting (Python's csv module, not RFC 4180 lazy quotes).
CASES += [
    c("lookup('csvfile', '\"The Rock\" Johnson file=quotes.csv delimiter=, col=1')"),
    c("lookup('csvfile', 'Example file=quotes.csv delimiter=, col=2')"), c("lookup('csvfile', 'Example file=quotes.csv delimiter=, col=3')"),
    c("lookup('csvfile', 'von Name file=quotes.csv delimiter=, col=1')"), c("lookup('csvfile', 'multi file=quotes.csv delimiter=, col=1')"),
    c("lookup('csvfile', 'crlf file=quotes.csv delimiter=, col=2')"), c("lookup('csvfile', 'last file=quotes.csv delimiter=, col=1')"),
    c("lookup('csvfile', 'Smith file=quotes.csv delimiter=, col=2')"),
]
