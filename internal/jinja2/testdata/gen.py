"""Deterministic generator of differential test templates for internal/jinja2.

cases() yields {"src", "mode"[, "opts"]} dicts; regen.py renders them with
Ansible's Jinja2 environment. The seed is fixed: the output never changes
unless this file does."""
import random

OPERANDS = [
    "n", "m", "z", "f", "g", "big", "s", "e", "num", "fl", "t", "fa", "nul", "l", "el", "d", "ed",
    "words", "mixed", "undef", "1", "0", "-3", "2.5", "0.0", "1e3", '"ab"', "''", "[1, 2]", "()", "(1,)",
    '{"k": 1}', "none", "true", "False", "nested.x", "nested.x.y[2].z", "users[0]", "d.a", "d['b']",
    "missing.attr", "10000000000000000000000", "0x1F", "1_000", "'%s-%d'", "7", "-2", "3.0",
]
BINOPS = ["+", "-", "*", "/", "//", "%", "**", "~", "==", "!=", "<", "<=", ">", ">=", "in", "not in", "and", "or"]
FILTERS = [
    "upper", "lower", "title", "capitalize", "trim", "length", "count", "first", "last", "list", "string",
    "int", "float", "abs", "round", "sort", "unique", "min", "max", "sum", "reverse", "join", "join(',')",
    "default('D')", "d('D', true)", "default", "items", "dictsort", "tojson", "tojson(2)", "e", "escape", "safe",
    "urlencode", "wordcount", "center(20)", "indent(2)", "indent(2, true)", "truncate(5)", "truncate(8, true)",
    "replace('l', 'L')", "replace('o', '0', 1)", "batch(2)", "batch(2, 'x')", "slice(2)", "round(1)", "round(1, 'floor')",
    "round(0, 'ceil')", "int('x')", "int(base=16)", "float('x')", "select", "reject", "map('upper')",
    "map('string')", "select('odd')", "reject('even')", "sort(reverse=true)", "sort(case_sensitive=true)",
    "unique(case_sensitive=true)", "first | default('E')", "list | length", "string | length", "format(1)",
    "attr('a')", "attr('upper')", "min(attribute='age')", "sum(start=10)", "join('-', attribute='name')",
    "map(attribute='name')", "selectattr('admin')", "rejectattr('admin')", "selectattr('age', 'eq', 30)",
    "groupby('age')", "sort(attribute='age,name')", "filesizeformat", "filesizeformat(true)", "striptags", "xmlattr",
    "xmlattr(false)", "max(attribute='age')", "map(attribute='nope', default='?')",
]
TESTS = [
    "defined", "undefined", "none", "number", "string", "mapping", "sequence", "iterable", "callable",
    "integer", "float", "boolean", "true", "false", "odd", "even", "divisibleby(3)", "divisibleby 2",
    "lower", "upper", "sameas(none)", "eq(3)", "ne 3", "lt(2)", "gt 2", "ge(3)", "le 3", "in([1, 2, 3])",
    "in 'Hello World'", "equalto 3", "escaped", "filter", "test", "not defined", "not none",
]
METHODS = [
    "split()", "split(',')", "split(',', 1)", "rsplit(',', 1)", "split(' ')", "strip()", "lstrip()", "rstrip()",
    "strip('Hd')", "replace('o', '0')", "startswith('He')", "endswith('ld')", "startswith(('x', 'H'))",
    "lower()", "upper()", "title()", "capitalize()", "swapcase()", "find('o')", "rfind('o')", "index('W')",
    "count('l')", "isdigit()", "isalpha()", "isalnum()", "isspace()", "islower()", "isupper()", "center(15, '*')",
    "ljust(14, '.')", "rjust(14)", "zfill(14)", "partition(' ')", "rpartition('o')", "splitlines()",
    "format(1, 2)", "join(['x', 'y'])", "find('zz')", "index('zz')", "split('')", "encode", "keys()",
    "values()", "items()", "get('a')", "get('q', 9)", "pop", "copy()", "count(1)", "index(1)",
]
FORMATS = [
    "'%s' % n", "'%d' % f", "'%05.2f' % f", "'%x' % n", "'%#o' % n", "'%e' % big", "'%g' % g", "'%r' % s",
    "'%s and %s' % (n, s)", "'%(a)s' % d", "'%-5s|' % 'ab'", "'%+d' % n", "'%5.1f%%' % f", "'%c' % 65",
    "'%s' % l", "'%s' % (l,)", "'%d' % s", "'%s %s' % n", "'%s' % (1, 2)", "'%z' % n", "'%' % n",
    "'%.3s' % s", "'%*d' % (5, n)", "'{} {}'.format(n, s)", "'{:>8}'.format(s[:3])", "'{:.2f}'.format(f)",
    "'{0}{1}{0}'.format('a', 'b')", "'{:,}'.format(big)", "'{x}'.format(x=n)", "'{:05d}'.format(m)",
    "'{:^9}'.format('mid')", "'{!r}'.format(s)", "'{:e}'.format(f)", "'{:x}'.format(255)", "'{:%}'.format(0.25)",
    "'%i' % 3.9", "'%s' % none", "'%s' % undef", "'%.0f' % 2.5", "'%.0f' % 3.5", "'%10.4e' % f",
]
LITERALS = [
    "1", "-1", "1.5", "1e100", "1e-7", "0.1 + 0.2", "1/3", "2**64", "2**-1", "-7 // 2", "-7 % 3", "7.5 // 2",
    "-7.5 % 2", "10 / 4", "True + True", "true * 3", "[1] * 3", "'ab' * 2", "3 * 'x'", "[1, 2] + [3]",
    "(1, 2) + (3,)", "'a' + 1", "1 + 'a'", "[1] + (2,)", "{'a': 1}", "{'a': 1, 'b': [1, {'c': none}]}",
    "('a',)", "()", "(1, 2)", "[]", "{}", "'it''s'", "\"it's\"", "'q\"uote'", "'both \\' \"'", "'tab\\tnl\\n'",
    "'\\x41\\u00e9\\U0001F600'", "'\\\\'", "'\\q'", "1 < 2 < 3", "3 > 2 > 2", "1 == 1.0", "true == 1",
    "1 is number", "none is none", "'a' < 'b'", "[1, 2] < [1, 3]", "(1, 2) == (1, 2)", "[1] == (1,)",
    "1 < 'a'", "none < 1", "{'a': 1} == {'a': 1}", "2 ** 3 ** 2", "-2 ** 2", "not 1 == 2", "not not 0",
    "1 if true else 2", "1 if false", "(1 if false) is defined", "'x' if none else 'y' if 0 else 'z'",
    "1 in [1] | list", "0.1 * 3", "1e16", "123456789012345678.0", "1e22", "-0.0", "float('inf')", "1.0e-5",
    "100000000000000000000 * 3", "-(2**70)", "2**70 // 3", "2**70 % 7", "(2**70) / 2", "0 ** 0", "0.0 ** -1",
    "1 // 0", "1 % 0", "1 / 0", "1.0 // 0", "2 ** 0.5", "(-8) ** 0.5", "10 ** -2", "'abc'[1]", "'abc'[-1]",
    "'abc'[5]", "'abcdef'[1:4]", "'abcdef'[::2]", "'abcdef'[::-1]", "[1,2,3,4][1:]", "[1,2,3,4][:-1]",
    "[1,2,3][10]", "[1,2,3][-4]", "'abc'[1:2:0]", "l[1.5]", "d[none]", "(1,2,3)[1:]", "'héllo'[1]",
    "range(5)", "range(1, 10, 3)", "range(5, 0, -2)", "dict(a=1, b=2)", "dict([('x', 1)])", "namespace(a=1).a",
    "lipsum is defined", "[1, 2, 3] | sum", "[[1], [2]] | sum(start=[])", "'abc' | list", "d | list",
    "{'b': 1, 'a': 2} | dictsort", "users | groupby('age') | list", "undef | default(5) + 1",
]
STATEMENTS = [
    "{% for x in l %}{{ x }}{% endfor %}",
    "{% for x in l %}{{ loop.index }}/{{ loop.length }}:{{ x }} {% endfor %}",
    "{% for x in l %}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }},{% endfor %}",
    "{% for x in l %}{{ loop.cycle('a', 'b') }}{% endfor %}",
    "{% for x in [1, 1, 2, 3, 3] %}{% if loop.changed(x) %}{{ x }}{% endif %}{% endfor %}",
    "{% for x in l %}{{ loop.previtem | default('-') }}{{ x }}{{ loop.nextitem | default('-') }} {% endfor %}",
    "{% for x in l %}{{ loop.previtem }}{% endfor %}",
    "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}",
    "{% for k in d %}{{ k }}{% endfor %}",
    "{% for k, v in d %}{{ k }}{{ v }}{% endfor %}",
    "{% for a, b in pairs %}{{ a }}{{ b }}{% endfor %}",
    "{% for a, b in [[1, 2, 3]] %}{{ a }}{% endfor %}",
    "{% for a, b, c in [[1, 2]] %}{{ a }}{% endfor %}",
    "{% for x in el %}{{ x }}{% else %}empty{% endfor %}",
    "{% for x in l if x > 1 %}{{ x }}{{ loop.length }}{% else %}none{% endfor %}",
    "{% for x in l if x > 5 %}{{ x }}{% else %}none{% endfor %}",
    "{% for c in s %}{{ c }}.{% endfor %}",
    "{% for x in n %}{{ x }}{% endfor %}",
    "{% for x in undef %}{{ x }}{% endfor %}",
    "{% for i in range(3) %}{% for j in range(2) %}{{ i }}{{ j }}{{ loop.depth }} {% endfor %}{% endfor %}",
    "{% for node in tree recursive %}{{ node.name }}({{ loop.depth }}){% if node.children %}[{{ loop(node.children) }}]{% endif %}{% endfor %}",
    "{% for node in tree recursive %}{{ loop.depth0 }}{{ node.name }}{{ loop(node.children) }}{% endfor %}",
    "{% if n > 2 %}big{% elif n > 1 %}mid{% else %}small{% endif %}",
    "{% if z %}a{% elif e %}b{% elif nul %}c{% else %}d{% endif %}",
    "{% if undef %}x{% endif %}",
    "{% if undef is defined %}x{% else %}y{% endif %}",
    "{% if l %}{{ l | length }}{% endif %}",
    "{% set x = 5 %}{{ x }}",
    "{% set x, y = 1, 2 %}{{ x }}{{ y }}",
    "{% set x = [1, 2] %}{% set y = x %}{{ y }}",
    "{% set x %}block {{ n }}{% endset %}{{ x }}",
    "{% set x | upper %}block {{ n }}{% endset %}{{ x }}",
    "{% set x %}[1, 2]{% endset %}{{ x | length }}",
    "{% set x = 1 %}{% for i in l %}{% set x = i %}{% endfor %}{{ x }}",
    "{% set ns = namespace(total=0) %}{% for i in l %}{% set ns.total = ns.total + i %}{% endfor %}{{ ns.total }}",
    "{% set ns = namespace() %}{% set ns.a = 1 %}{{ ns.a }}",
    "{% set x = 1 %}{% set x.y = 2 %}",
    "{% macro m(a, b=2) %}{{ a }}-{{ b }}{% endmacro %}{{ m(1) }} {{ m(1, 3) }} {{ m(b=5, a=4) }}",
    "{% macro m(a) %}[{{ a }}]{% endmacro %}{{ m() }}",
    "{% macro m(a) %}{{ a | default('none') }}{% endmacro %}{{ m() }}",
    "{% macro m() %}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, x=3) }}",
    "{% macro m() %}x{% endmacro %}{{ m(1) }}",
    "{% macro m() %}x{% endmacro %}{{ m(q=1) }}",
    "{% macro m(a) %}x{% endmacro %}{{ m(1, a=2) }}",
    "{% macro m() %}<{{ caller() }}>{% endmacro %}{% call m() %}inner {{ n }}{% endcall %}",
    "{% macro m() %}{% for i in l %}{{ caller(i) }}{% endfor %}{% endmacro %}{% call(x) m() %}[{{ x }}]{% endcall %}",
    "{% macro m() %}x{% endmacro %}{% call m() %}y{% endcall %}",
    "{% macro m(a) %}{{ a }}{% endmacro %}{{ m.name }} {{ m.arguments }} {{ m.catch_varargs }}",
    "{% macro m() %}[1, 2]{% endmacro %}{{ m() | length }}",
    "{% macro m() %}{{ n }}{% endmacro %}{{ m() + 1 }}",
    "{% macro fact(k) %}{% if k <= 1 %}1{% else %}{{ k * fact(k - 1) | int }}{% endif %}{% endmacro %}{{ fact(5) }}",
    "{% filter upper %}hello {{ s }}{% endfilter %}",
    "{% filter replace('l', 'L') | upper %}hello{% endfilter %}",
    "{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}{{ a | default('gone') }}",
    "{% with x = n %}{% set n = 9 %}{{ n }}{% endwith %}{{ n }}",
    "{% raw %}{{ not templated }}{% endraw %}",
    "{% raw -%}  {{ x }}  {%- endraw %}",
    "{# comment #}a{# another\nmultiline #}b",
    "{% include 'inc.j2' %}",
    "{% for x in l %}{% include 'loopinc.j2' %}{% endfor %}",
    "{% include 'missing.j2' ignore missing %}ok",
    "{% include 'missing.j2' %}",
    "{% include ['missing.j2', 'inc.j2'] %}",
    "{% import 'macros.j2' as mc %}{{ mc.hello('x') }}",
    "{% from 'macros.j2' import hello, bye as b %}{{ hello('y') }}{{ b() }}",
    "{% from 'macros.j2' import nothere %}{{ nothere }}",
    "{% from 'macros.j2' import _private %}",
    "{% import 'macros.j2' as mc %}{{ mc.greeting }}",
    "{% extends 'base.j2' %}{% block body %}child {{ super() }}{% endblock %}",
    "{% extends 'base.j2' %}ignored{% block title %}T{% endblock %}",
    "{% extends 'mid.j2' %}{% block body %}leaf+{{ super() }}{% endblock %}",
    "{% extends 'base.j2' %}{% extends 'base.j2' %}",
    "{% block a %}1{% endblock %}{% block a %}2{% endblock %}",
    "{% block x %}{{ n }}{% endblock %}",
    "{% for i in l %}{% block loopblock %}{{ i | default('no i') }}{% endblock %}{% endfor %}",
    "{% autoescape true %}{{ html }}{% endautoescape %}",
    "{% print n, s %}",
    "{% do l.append(4) %}",
    "{% set c = cycler('a', 'b') %}{{ c.next() }}{{ c.next() }}{{ c.next() }}{{ c.current }}",
    "{% set j = joiner('|') %}{% for x in l %}{{ j() }}{{ x }}{% endfor %}",
    "{% set x = l %}{{ x.append(9) }}{{ x }}",
    "{% set dd = {} %}{{ dd.update({'a': 1}) }}{{ dd }}",
    "{{ d.keys() | list }} {{ d.values() | list }} {{ d.items() | list }}",
    "{{ d.items() }}",
    "{{ d.get('a') }} {{ d.get('zz') }} {{ d.get('zz', 'dflt') }}",
    "{{ users | map(attribute='name') | join(', ') }}",
    "{{ users | selectattr('age', 'gt', 26) | map(attribute='name') | list }}",
    "{{ users | sort(attribute='name') | map(attribute='name') | list }}",
    "{{ users | groupby('age') }}",
    "{% for age, us in users | groupby('age') %}{{ age }}:{{ us | map(attribute='name') | join('+') }} {% endfor %}",
    "{{ nested.x.y[2].z }} {{ nested['x']['y'][0] }} {{ nested.x.y.1 }}",
    "{{ nested.x.q }}",
    "{{ nested.q.r }}",
    "{{ nested.q.r | default('chained') }}",
    "{{ l.nope }}", "{{ l[10] }}", "{{ s.nope }}", "{{ nul.x }}", "{{ n.x }}", "{{ undef.x.y }}",
    "{{ undef }}", "{{ [undef] }}", "{{ {'a': undef} }}", "{{ undef ~ 'x' }}", "{{ undef + 1 }}",
    "{{ undef | length }}", "{{ undef | string }}", "{{ undef is defined }}", "{{ undef | list }}",
    "{{ (1 if false) }}", "{{ (1 if false) ~ 'x' }}", "{{ (1 if false) | length }}", "{{ (1 if false).x }}",
    "a\n{% if true %}\nb\n{% endif %}\nc\n", "  {% if true %}x{% endif %}  ", "a {%- if true -%} b {%- endif -%} c",
    "a {%+ if true %} b{% endif %}", "{{ n -}}   \n  {{- n }}", "x\n{# c #}\ny", "{% if true %}\n\n{% endif %}",
    "line\r\nline2\r\n", "trailing\n", "trailing\n\n", "{{ n }}\n", "{% for x in l %}\n{{ x }}\n{% endfor %}\n",
    "{{ }}", "{{ n", "{% if %}", "{% if n %}", "{% endif %}", "{% for x in l %}{% endif %}", "{% foo %}",
    "{{ n | nosuchfilter }}", "{{ n is nosuchtest }}", "{{ 1 + }}", "{{ (1, 2 }}", "{{ [1, 2 }}", "{{ ) }}",
    "{{ 'unterminated }}", "{{ n ! 2 }}", "{% set 1 = 2 %}", "{% for 1 in l %}{% endfor %}", "{{ a.b.c.d(1)(2) }}",
    "{% macro m(a=1, b) %}{% endmacro %}", "{% block a-b %}{% endblock %}", "{% raw %}unterminated", "{# unterminated",
    "{{ 1 is is }}", "{% call n %}{% endcall %}", "{{ n is divisibleby 2 is odd }}", "{% extends %}", "{{ x.1.2 }}",
    "{{ 'a' 'b' }}", "{{ 1 2 }}", "{% set x %}", "{{ f(*l) }}", "{{ range(*l) }}", "{{ dict(**d) }}",
    "{{ range(3) | list }}", "{{ lipsum }}", "{{ range }}", "{{ 'abc'.upper }}", "{{ namespace }}",
    "{{ users[0]['name'] }} {{ users.0.name }}", "{{ s[0] ~ s[-1] }}", "{{ l | join(', ') }}", "{{ l | sort | list }}",
    "{{ words | sort }}", "{{ words | sort(case_sensitive=true) }}", "{{ words | unique }}", "{{ words | min }} {{ words | max }}",
    "{{ [3, 'a'] | sort }}", "{{ [[1, 2], [1, 2]] | unique }}", "{{ mixed | select | list }}", "{{ mixed | reject('none') | list }}",
    "{{ l | map('string') | join }}", "{{ l | map('nosuch') | list }}", "{{ l | select('nosuch') | list }}",
    "{{ 'x' | map('upper') | list }}", "{{ d | map('upper') | list }}", "{{ l | batch(2) | list }}", "{{ l | slice(2) | list }}",
    "{{ s | wordcount }}", "{{ uni | upper }} {{ uni | length }} {{ uni[1] }}", "{{ ml | indent(4) }}", "{{ ml | indent(2, first=true, blank=true) }}",
    "{{ html | e }}", "{{ html | tojson }}", "{{ uni | tojson }}", "{{ d | tojson }}", "{{ users | tojson }}",
    "{{ {'a b': 'c&d', 'e': 1} | urlencode }}", "{{ 'a b/c?d' | urlencode }}", "{{ pairs | urlencode }}",
    "{{ s | truncate(7) }}", "{{ 'hello world foo bar baz' | truncate(9) }}", "{{ 'hello world foo bar baz' | truncate(9, true, '..', 0) }}",
    "{{ s | truncate(2) }}", "{{ 'abc' | center(9) }}", "{{ 'ab' | center(9) }}", "{{ 'hello-world (x) [y]' | title }}",
    "{{ \"they're bill's\" | title }}", "{{ 'hELLO' | capitalize }}", "{{ w | trim }}|", "{{ 'xxhixx' | trim('x') }}",
    "{{ 2.675 | round(2) }}", "{{ 2.5 | round }}", "{{ 3.5 | round }}", "{{ -2.5 | round }}", "{{ 1234.5 | round(-2) }}",
    "{{ 42 | round }}", "{{ '42' | int + 1 }}", "{{ '4.9' | int }}", "{{ '0x1F' | int(0, 16) }}", "{{ '1F' | int(base=16) }}",
    "{{ ' 12 ' | int }}", "{{ 'abc' | int }}", "{{ 'abc' | int(7) }}", "{{ none | int }}", "{{ [1] | int }}", "{{ '1_000' | int }}",
    "{{ 'inf' | float }}", "{{ '1e3' | float }}", "{{ ' 2.5 ' | float }}", "{{ 'x' | float }}", "{{ true | float }}",
    "{{ '%s-%s' | format(1, 2) }}", "{{ '%(a)s' | format(a=1) }}", "{{ '%s' | format(1, a=2) }}", "{{ l | first }} {{ l | last }}",
    "{{ el | first }}", "{{ el | first | default('empty') }}", "{{ el | min }}", "{{ el | sum }}", "{{ s | first }}",
    "{{ d | first }}", "{{ d | last }}", "{{ 5 | first }}", "{{ d | dictsort(by='value', reverse=true) }}", "{{ d | dictsort(by='x') }}",
    "{{ d | items | list }}", "{{ undef | items | list }}", "{{ l | items }}", "{{ d | attr('a') }}", "{{ l | reverse | list }}",
    "{{ s | reverse }}", "{{ l | string }}", "{{ n | string + 'x' }}", "{{ 1 | abs }} {{ -1.5 | abs }} {{ 's' | abs }}",
    "{{ users | sum(attribute='age') }}", "{{ l | sum(start=0.5) }}", "{{ ['a'] | sum }}", "{{ users | min(attribute='age') }}",
    "{{ users | max(attribute='name') }}", "{{ users | unique(attribute='age') | list }}", "{{ users | map(attribute='admin', default=false) | list }}",
    "{{ n is odd }} {{ n is even }} {{ f is odd }}", "{{ s is odd }}", "{{ 'a' is lower }} {{ 'A' is upper }} {{ 1 is lower }}",
    "{{ l is sequence }} {{ d is sequence }} {{ n is iterable }} {{ s is iterable }}", "{{ undef is iterable }}",
    "{{ range is callable }} {{ d.get is callable }} {{ n is callable }}", "{{ 'upper' is filter }} {{ 'odd' is test }} {{ 'zz' is filter }}",
    "{{ n is divisibleby(0) }}", "{{ n is sameas 3 }} {{ l is sameas l }}", "{{ n is in(l) }} {{ 'W' is in(s) }}", "{{ n is eq 3 }}",
    "{{ n is ge }}", "{{ 3 is number(1) }}", "{{ n is defined(1) }}", "{{ l is in n }}",
    "{{ s.split() }} {{ s.split('o') }} {{ csv.split(',') }}", "{{ w.split() }} {{ w.split(None, 1) }} {{ w.rsplit(None, 1) }}",
    "{{ s.replace('l', 'L', 2) }}", "{{ s.startswith('Hell') }} {{ s.endswith(('x', 'd')) }}", "{{ s.find('o', 5) }} {{ s.count('o', 0, 5) }}",
    "{{ '{} is {}'.format(s, n) }}", "{{ '{0[0]}'.format(l) }} {{ '{0.a}'.format(d) }}", "{{ 'a-b-c'.split('-', 1) }}",
    "{{ '1,2'.split(',') | map('int') | sum }}", "{{ ', '.join(words) }}", "{{ '-'.join(l) }}", "{{ l.index(2) }} {{ l.count(3) }}",
    "{{ l.index(9) }}", "{% set q = [1] %}{% set _ = q.extend([2, 3]) %}{{ q }}", "{% set q = [1, 2] %}{{ q.pop() }}{{ q }}",
    "{% set q = [1, 2] %}{{ q.insert(0, 'z') }}{{ q }}", "{% set q = {'a': 1} %}{{ q.pop('a') }}{{ q }} {{ q.pop('b', 2) }}",
    "{% set q = {'a': 1} %}{{ q.setdefault('b', 5) }}{{ q }}", "{{ 'abc'.upper().lower() }}", "{{ (s | lower).split() }}",
    "{{ n.real }}", "{{ d.nope }}", "{{ d['nope'] }}", "{{ d[1] }}", "{{ l['x'] }}", "{{ d.items }}",
    "{{ s[1:3] }} {{ s[:-3] }} {{ s[::3] }} {{ l[::-1] }}", "{{ n[0] }}", "{{ none[0] }}",
    "{{ 'a' in s }} {{ 'x' not in s }} {{ 1 in l }} {{ 'a' in d }} {{ 1 in d }}", "{{ 1 in s }}", "{{ [1] in d }}", "{{ 1 in n }}",
    "{{ n > 2 and s or 'no' }}", "{{ z or e or nul or 'last' }}", "{{ 0 and 1 }}", "{{ undef and 1 }}", "{{ false and undef }}",
    "{{ true or undef }}", "{{ not undef }}", "{{ -s }}", "{{ -l }}", "{{ +f }}", "{{ -t }}",
    "{{ n ~ f ~ s ~ nul ~ t ~ l }}", "{{ nul }}|{{ [nul] }}|{{ none ~ '' }}", "{{ 1 in l | list }}", "{{ 'x' ~ 1 + 2 }}", "{{ 1 + 2 ~ 'x' }}",
    "{{ l | length > 2 and d | length == 3 }}", "{{ -1 | abs }}", "{{ 2 * 3 | string }}", "{{ not n is odd }}", "{{ n is odd and n > 1 }}",
    "{{ 10 - 3 - 2 }} {{ 2 * 3 % 4 }} {{ 100 / 10 / 5 }} {{ 2 ** 2 ** 3 }}", "{{ 1 if n else 2 | string }}", "{{ (1 if n else 2) | string }}",
    "{{ 'yes' if 'W' in s else 'no' }}", "{{ [x for x in l] }}", "{{ {'a': 1}.a }}", "{{ {'a': 1}['a'] }}", "{{ {1: 'x'}[1] }}",
    "{{ {1: 'a', 1.0: 'b', true: 'c'} }}", "{{ {(1, 2): 3} }}", "{{ {[1]: 2} }}", "{{ [1, [2, (3,)], {'k': none}] }}",
    "{{ 'a\\nb' }}", "{{ 'a\\\\nb' }}", "{{ '\\u00e9' }} {{ '\\N{BULLET}' }}", "{{ \"'\" }} {{ '\"' }} {{ [\"'\", '\"', \"'\\\"\"] }}",
    "{{ ['\\x00\\x7f\\u200b\\u00a0\\U0001F600'] }}", "{{ 0.1 + 0.2 }} {{ 1e16 }} {{ 1e-5 }} {{ 123456789.123456789 }} {{ 1/3 }}",
    "{{ [1.0, 2.50, -0.0, 1e300 * 1e10] }}", "{{ 2**63 }} {{ -2**63 }} {{ 2**63 - 1 + 1 }} {{ 9223372036854775807 + 1 }}",
    "{{ 12345678901234567890 // 7 }} {{ 12345678901234567890 % 7 }} {{ -12345678901234567890 // 7 }}", "{{ big * big }}", "{{ big / 3 }}",
    "{{ big + 0.5 }}", "{{ big == 1e20 }} {{ big > 1e19 }} {{ big | string | length }}", "{{ 0b101 }} {{ 0o17 }} {{ 0xff }} {{ 1_0 }}",
    "{{ 1.5e3 }} {{ 1E3 }} {{ 1_0.5 }}",
    "a\nb\n{{ n +\n }}", "line1\n{% if n %}\nx\n{% endfor %}", "1\n2\n3\n{% for x in l %}\n{{ x }", "{#\n\n#}\n{{ ) }}",
    "x\n\n{% macro m(a=1, b) %}{% endmacro %}", "{{ 'a\nb' }}\n{{ 1 +* 2 }}", "{% raw %}\n\n{% endraw %}\n{% endblock %}",
    "{% for x in l %}\n{% for y in l %}\n{% endfor %}", "\n\n{{ n | }}", "{% set x = [\n1,\n2\n %}", "{{ n }}\n{% if %}",
    "{% include %}", "{% import 'macros.j2' %}", "{% from 'macros.j2' import %}", "{% with %}{% endwith %}x",
    "{% with a %}{% endwith %}", "{% set %}", "{% block %}{% endblock %}", "{% macro %}{% endmacro %}", "{% for %}",
    "{% filter %}{% endfilter %}", "{% call %}{% endcall %}", "{{ n.0x }}", "{{ n. }}", "{{ n[] }}", "{{ n[1:2:3:4] }}",
    "{{ f(a=1, 2) }}", "{{ range(*l, 1) }}", "{{ dict(**d, a=1) }}", "{{ {1: 2, 3} }}", "{{ {1 2} }}", "{{ [1 2] }}",
    "{{ n if }}", "{{ n if t else }}", "{{ not }}", "{{ - }}", "{{ n is }}", "{{ n | 1 }}", "{{ n is not }}", "{{ 007 }}", "{{ 00 }}", "{{ 1. }}", "{{ .5 }}",
]
SCOPING = [
    "{% set x = 1 %}{% if true %}{% set x = 2 %}{% endif %}{{ x }}",
    "{% for i in l %}{% set y = i %}{% endfor %}{{ y | default('unset') }}",
    "{% set x = 'outer' %}{% for i in [1] %}{{ x }}{% set x = 'inner' %}{{ x }}{% endfor %}{{ x }}",
    "{% for i in [1, 2] %}{% if i == 2 %}{{ x | default('none') }}{% endif %}{% set x = i %}{% endfor %}",
    "{% set x = 1 %}{% macro m() %}{{ x }}{% endmacro %}{% set x = 2 %}{{ m() }}",
    "{% macro m() %}{% set x = 5 %}{{ x }}{% endmacro %}{% set x = 1 %}{{ m() }}{{ x }}",
    "{% for i in l %}{% macro m() %}{{ i }}{% endmacro %}{{ m() }}{% endfor %}",
    "{% macro outer() %}{% macro inner() %}in{% endmacro %}{{ inner() }}-{% endmacro %}{{ outer() }}",
    "{% macro m(x) %}{{ x }}{% if x > 0 %}{{ m(x - 1) }}{% endif %}{% endmacro %}{{ m(3) }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{% with x = 1 %}{% with x = x + 1 %}{{ x }}{% endwith %}{{ x }}{% endwith %}",
    "{% for a in [[1, 2], [3]] %}{% for b in a %}{{ loop.index }}{{ b }}{% endfor %}{{ loop.index }};{% endfor %}",
    "{% for x in l %}{{ loop.length }}{% set loop = 5 %}{% endfor %}", "{% for x in l %}{% set loop = 5 %}{{ x }}{% endfor %}",
    "{% for loop in l %}{{ loop }}{% endfor %}", "{% for loop in l %}{{ loop.index }}{% endfor %}",
    "{% set l2 = l %}{% set l2 = l2 + [9] %}{{ l }} {{ l2 }}",
    "{% for x in d.values() %}{{ x }}{% endfor %}",
    "{% for k, v in d | dictsort %}{{ k }}{{ v }}{% endfor %}",
    "{% for u in users | sort(attribute='age') %}{{ u.name }}{% endfor %}",
    "{% for x in range(3) %}{{ loop.cycle(*['a', 'b']) }}{% endfor %}",
    "{% for x in l %}{{ loop.revindex0 }}{% if loop.last %}!{% endif %}{% endfor %}",
    "{% for x in 'abc' %}{{ loop.nextitem }}{% endfor %}",
    "{% for i in range(2) recursive %}{{ i }}{% endfor %}",
    "{% for x in l %}{{ loop(x) }}{% endfor %}",
    "{% set a = [1] %}{% set b = a %}{{ b.append(2) }}{{ a }}",
    "{% set d2 = {'x': 1} %}{% set d3 = d2.copy() %}{{ d3.update({'y': 2}) }}{{ d2 }} {{ d3 }}",
    "{{ d.update({'z': 9}) }}{{ d }}",
    "{% set x = none %}{{ x }}|{{ x is none }}|{{ x ~ '' }}",
    "{% set t = (1, 2) %}{{ t[0] }}{{ t | length }}{{ t }}",
    "{% set x = [] %}{{ x.pop() }}",
    "{{ 'abc' | batch(2) | list }}", "{{ 1 | filesizeformat }} {{ 999 | filesizeformat }} {{ 1000 | filesizeformat }}",
    "{{ 1234567 | filesizeformat }} {{ 1e30 | filesizeformat }} {{ 1024 | filesizeformat(true) }} {{ '2048' | filesizeformat(true) }}",
    "{{ -5 | filesizeformat }} {{ 1.5 | filesizeformat }} {{ 'x' | filesizeformat }}", "{{ '<!-- c --><b>x</b>  y &amp; z' | striptags }}",
    "{{ {'a': 1, 'b': none, 'c': '<\"'} | xmlattr }}", "{{ {'a': undef} | xmlattr }}", "{{ users | map(attribute='age') | unique | list }}",
    "{% set parts = s.split() %}{{ parts | join('_') | lower }}",
    "{% if 'Hello' in s and s.startswith('H') %}ok{% endif %}",
    "{{ s.split(' ')[1][::-1].upper() }}", "{{ (l | sort)[0] }}", "{{ (d.items() | list)[0] }}",
    "{{ nested['x'].y | last | attr('z') | default('nope') }}", "{{ nested.x.y[2]['z'] | upper }}",
    "{{ users | selectattr('admin', 'defined') | map(attribute='name') | list }}",
    "{{ users | rejectattr('admin', 'undefined') | list | length }}",
    "{{ users | selectattr('name', 'in', ['bob', 'carol']) | list | length }}",
    "{{ users | selectattr('age', 'ge', 26) | map(attribute='name') | join }}",
    "{{ users | groupby('admin', default='x') | map('first') | list }}",
    "{{ users | map(attribute='name') | map('upper') | select('ne', 'AL') | list }}",
    "{{ [1, 2, 3] | map('int') | select('even') | list }}", "{{ ['1', '2'] | map('int') | sum }}",
    "{{ [3, 1, 2] | sort | reverse | list | join(',') }}", "{{ words | map('lower') | unique | sort | list }}",
    "{{ [0, 1, '', 'a', none, [], [0]] | select | list }}", "{{ [0, 1, '', none] | reject | list }}",
    "{{ [[1, 2], [3, 4]] | map('sum') | list }}", "{{ [[1, 2], [3, 4]] | map('join', '-') | list }}",
    "{{ ['a', 'b'] | map('replace', 'a', 'A') | list }}", "{{ ['a', 'b'] | map('default', 'x') | list }}",
    "{{ [{'a': 1}, {}] | map(attribute='a', default=0) | list }}", "{{ [{'a': {'b': 1}}] | map(attribute='a.b') | list }}",
    "{{ [[1, 2]] | map(attribute='0') | list }}", "{{ users | sort(attribute='age', reverse=true) | map(attribute='name') | list }}",
    "{{ users | min(attribute='age') | attr('name') }}", "{{ users | max(attribute='age') }}",
    "{{ {'b': 1, 'A': 2, 'a': 3} | dictsort }}", "{{ {'b': 1, 'A': 2, 'a': 3} | dictsort(true) }}",
    "{{ ['b', 'A', 'a'] | sort }}", "{{ ['b', 'A', 'a'] | sort(case_sensitive=true) }}", "{{ ['b', 'A', 'a'] | unique }}",
    "{{ ['B', 'b', 'A'] | min }} {{ ['B', 'b', 'A'] | max }} {{ ['B', 'b', 'A'] | max(case_sensitive=true) }}",
    "{{ 'hello' | truncate(3, end='') }}", "{{ 'a b c d e f g' | truncate(5, leeway=0) }}",
    "{{ 'x' | center(4) }}|{{ 'xy' | center(5) }}|{{ 'xyz' | center(2) }}",
    "{{ '   ' | indent }}|{{ 'a\n\nb' | indent(first=true) }}|{{ 'a\nb' | indent('>>') }}",
    "{{ 'one two  three\tfour' | wordcount }}", "{{ 'a_b c-d' | wordcount }}",
    "{{ 42 | string | list }}", "{{ 3.0 | int }} {{ -3.9 | int }} {{ '  -4  ' | int }} {{ '+5' | int }}",
    "{{ '0b101' | int(0, 2) }} {{ '0o17' | int(base=8) }} {{ 'z' | int(base=36) }}", "{{ '12' | int(base=2) }}",
    "{{ 1.5 | round(0, 'floor') }} {{ -1.5 | round(0, 'ceil') }} {{ 2.345 | round(2, 'floor') }}",
    "{{ 1 | round(2) }} {{ 1.23456 | round(3) }} {{ 0.5 | round }} {{ 1.5 | round }} {{ -0.5 | round }}",
    "{{ 1e20 | int }} {{ '1e3' | int }} {{ 'nan' | float }} {{ '-inf' | float }} {{ '1_5' | float }}",
    "{{ l | batch(2, 0) | list }} {{ l | slice(4) | list }} {{ l | slice(2, 'x') | list }} {{ [] | slice(2) | list }}",
    "{{ 'abcdef' | slice(3) | list }}", "{{ d | list | sort }}", "{{ d | length }} {{ d | count }}",
    "{{ l | sum(start=100) }} {{ [0.1, 0.2] | sum }} {{ [[1]] | sum(start=[0]) }}",
    "{{ users | sum(attribute='age', start=1) }}", "{{ [true, true] | sum }}",
    "{{ {'a': 1} | items | list }} {{ {} | items | list }}", "{{ 'abc' | first }}{{ 'abc' | last }}",
    "{{ [none] | first }}", "{{ [none] | first is none }}", "{{ [] | last | default('L') }}",
    "{{ (1, 2) | list }} {{ d.keys() | list | length }}", "{{ {'a': [1, 2]} | tojson(2) }}", "{{ [1, [2, 3]] | tojson(1) }}",
    "{{ {'b': 1, 'a': {'d': 1, 'c': 2}} | tojson }}", "{{ [1.0, 2.5, 1e100, 1e-7, -0.0] | tojson }}",
    "{{ 'é\u2028<>&\'' | tojson }}", "{{ {1: 'a', none: 'b', true: 'c'} | tojson }}", "{{ {(1, 2): 3} | tojson }}",
    "{{ [1, 2] | urlencode }}", "{{ {'a': [1]} | urlencode }}", "{{ 'ü ~!*()' | urlencode }}", "{{ [('a b', 'c/d')] | urlencode }}",
    "{{ '<b>' | e | e }}", "{{ '<b>' | safe | e }}", "{{ ('<b>' | e) ~ '<i>' }}", "{{ '<b>' | e | length }}",
    "{{ 'x' is eq 'x' }}{{ 1 is lt 2 }}{{ 2 is greaterthan 1 }}{{ 1 is lessthan 0 }}{{ 'a' is ne 'b' }}",
    "{{ 4 is divisibleby 2 }}{{ 4.0 is divisibleby 2 }}{{ 5 is divisibleby 2.5 }}", "{{ 3.0 is odd }} {{ 2.5 is even }}",
    "{{ none is sameas none }} {{ true is sameas true }} {{ 1 is sameas true }} {{ 1000 is sameas 1000 }}",
    "{{ 'abc' is in 'xabcx' }} {{ 2 is in [1, 2] }} {{ 'a' is in {'a': 1} }}", "{{ [] is iterable }} {{ d.items() is iterable }}",
    "{{ l is not sequence }} {{ 1.0 is float }} {{ 1 is float }} {{ true is integer }} {{ true is number }} {{ true is boolean }}",
    "{{ 'A1' is upper }} {{ '1' is lower }} {{ 'aB' is lower }}", "{{ undef is undefined }} {{ undef.x is undefined }}",
    "{{ lookup is defined }} {{ query is defined }} {{ omit is defined }}",
    "{% include 'inc.j2' if t else 'loopinc.j2' %}", "{% include ('inc.j2' if fa else 'loopinc.j2') %}", "{% include undef %}",
    "{% include none %}", "{% include 3 %}", "{% include [] %}", "{% include ['nope1', 'nope2'] %}", "{% include 'inc.j2' without context %}",
    "{% set n = 7 %}{% include 'inc.j2' %}", "{% for n in [8] %}{% include 'inc.j2' %}{% endfor %}", "{% with n = 9 %}{% include 'inc.j2' %}{% endwith %}",
    "{% import 'macros.j2' as m with context %}{{ m.bye() }}", "{% import 'macros.j2' as m %}{{ m.nothere }}", "{% import 'macros.j2' as m %}{{ m._private }}",
    "{% import 'macros.j2' as m %}{{ m.hello() }}", "{% from 'macros.j2' import hello with context %}{{ hello(n) }}", "{% import 'nope.j2' as m %}",
    "{% from 'macros.j2' import hello as h, bye %}{{ h(1) }}{{ bye() }}", "{% extends undef %}", "{% extends 'mid.j2' %}",
    "{% extends 'base.j2' %}{% set n = 5 %}{% block body %}{{ n }}{% endblock %}", "{% extends 'base.j2' %}{% block body %}{{ super() }}{{ super() }}{% endblock %}",
    "{% extends 'base.j2' %}{% block nope %}x{% endblock %}", "{% extends 'base.j2' %}{% macro m() %}M{% endmacro %}{% block body %}{{ m() }}{% endblock %}",
    "{% block outer %}o{% block inner %}i{% endblock %}o{% endblock %}", "{% block b %}{{ super() }}{% endblock %}",
    "{% for i in l %}{% block lb scoped %}{{ i }}{% endblock %}{% endfor %}", "{% extends 'base.j2' if t else 'mid.j2' %}",
    "{% if t %}{% extends 'base.j2' %}{% endif %}x", "x{% extends 'base.j2' %}y{% block title %}T{% endblock %}z",
    # classes: value.__class__
    "{{ n.__class__ }}|{{ f.__class__ }}|{{ s.__class__ }}|{{ t.__class__ }}|{{ none.__class__ }}",
    "{{ l.__class__ }}|{{ d.__class__ }}|{{ (1,).__class__ }}|{{ s.__class__.__name__ }}|{{ (s | e).__class__ }}",
    "{{ s.__class__ is callable }}|{{ n.__class__ is callable }}|{{ undef.__class__ is callable }}|{{ s is callable }}",
    "{{ s.__class__(n) }}|{{ n.__class__(num) }}|{{ f.__class__(fl) }}|{{ t.__class__(e) }}|{{ l.__class__(s)[:2] }}|{{ (1,).__class__(l) }}",
    "{{ s.__class__() }}|{{ n.__class__() }}|{{ l.__class__() }}|{{ d.__class__(a=1) }}|{{ none.__class__() }}", "{{ n.__class__(s) }}",
    "{{ n.__class__(1, 2) }}", "{{ none.__class__(1) }}", "{{ n.__class__('ff', 16) }}|{{ n.__class__('0x1f', 0) }}|{{ '7' | int(3, 1) }}",
    "{{ n.__class__('7', 1) }}",
    # test names that are not plugin names
    "{{ users | selectattr('admin', 'asdf ', true) | list }}", "{{ l | select('a-b') | list }}", "{{ l | select('x.y') | list }}",
    "{{ l | select('\u00e9t\u00e9') | list }}", "{{ l | select('') | list }}", "{{ l | reject('odd\\n') | list }}",
]
FILES = [
    "a\n\n", "#jinja2: trim_blocks: False\n{% if true %}\nx\n{% endif %}\n", "{{ n }}\n\n\n", "{% for x in l %}\n{{ x }}\n{% endfor %}\n",
    "#jinja2:lstrip_blocks: True, trim_blocks:False\n  {% if true %}\nx\n  {% endif %}\n\n", "#jinja2: foo\nx", "#jinja2: a: b\nx",
    "#jinja2: variable_start_string: '[[', variable_end_string: ']]'\n[[ n ]] {{ n }}\n", "#jinja2: newline_sequence: '\\r\\n'\na\nb\n\n",
    "#jinja2: keep_trailing_newline: True\nx\n\n", "no newline", "\n", "", "{{ undef }}\n", "{% if %}\n", "{{ l }}\n", "{{ nul }}|{{ d }}\n",
]
LOADER = {
    "inc.j2": "[included n={{ n }}]",
    "loopinc.j2": "<{{ x }}>",
    "macros.j2": "{% macro hello(who) %}hello {{ who }}{% endmacro %}{% macro bye() %}bye{% endmacro %}"
                 "{% set greeting = 'hi' %}{% macro _private() %}{% endmacro %}",
    "base.j2": "<title>{% block title %}base title{% endblock %}</title>{% block body %}base body{% endblock %}",
    "mid.j2": "{% extends 'base.j2' %}{% block body %}mid+{{ super() }}{% endblock %}",
}
OPTIONS = [
    {"trim_blocks": False},
    {"lstrip_blocks": True},
    {"trim_blocks": False, "lstrip_blocks": True},
    {"keep_trailing_newline": True},
    {"newline_sequence": "\r\n"},
    {"block_start_string": "<%", "block_end_string": "%>", "variable_start_string": "${", "variable_end_string": "}",
     "comment_start_string": "<#", "comment_end_string": "#>"},
    {"block_start_string": "[%", "block_end_string": "%]", "variable_start_string": "[[", "variable_end_string": "]]"},
]
WS_TEMPLATES = [
    "a\n  {% if true %}\n  b\n  {% endif %}\nc\n",
    "  {% for x in l %}\n    {{ x }}\n  {% endfor %}\n",
    "x {%- if true %} y {% endif -%} z\n",
    "  {%+ if true %}kept{% endif %}\n",
    "  {# c #}\n  text\n",
    "line1\nline2\n\n",
    "  {% raw %}\n  {{ x }}\n  {% endraw %}\n",
    "a <% if true %>b<% endif %> ${ n } <# c #> [% if true %][[ n ]][% endif %]\n",
    "{{ 'x' }}\n{{ 'y' }}\n",
    "text {{ n }}\r\nmore\r\n",
    "\t{% set x = 1 %}\n\t{{ x }}\n",
    "{% for x in l %}\n{{ x }}\n{% endfor %}",
]
MODE_EXPRS = [
    "{{ l }}", "{{ d }}", "{{ n }}", "{{ f }}", "{{ s }}", "{{ t }}", "{{ nul }}", "{{ num }}", "{{ fl }}", "{{ [1, 2] }}",
    "{{ {'a': true} }}", "{{ 'True' }}", "{{ 'true' }}", "{{ '[1, 2]' }}", "{{ '[1, true, null]' }}", "{{ '{\"a\": null}' }}",
    "{{ 'None' }}", "{{ '1' }}", "{{ ' 1' }}", "{{ '\"q\"' }}", "{{ \"'q'\" }}", "[{{ n }}]", "{{ n }}{{ n }}", "{{ n }} ",
    "{{ l | string }}", "{{ n | string }}", "{{ '[1]' | string }}", "{{ (1, 2) }}", "{{ 1, 2 }}", "{% if true %}{{ l }}{% endif %}",
    "{% for x in [1] %}{{ x }}{% endfor %}", "{{ '1 + 1' }}", "{{ '-5' }}", "{{ '0x10' }}", "{{ '1e3' }}", "{{ '[1,] # c' }}",
    "{{ \"{'a': [1, {'b': (2,)}]}\" }}", "{{ '(1)' }}", "{{ '()' }}", "{{ \"u'x'\" }}", "{{ 'b\"x\"' }}", "{{ '{1, 2}' }}",
    "{{ '[1' }}", "{{ 'False' }}", "{{ range(3) }}", "{{ d.items() }}", "{{ d.keys() }}", "{{ none }}", "{{ undef | default(none) }}",
    "{{ ml }}", "{{ '[1]\\n' }}", "{{ '\\n[1]' }}", "{{ '  [1]' }}", "{{ 1.0 }}", "{{ 2**70 }}", "{{ '2**70' }}", "{{ 'nan' }}",
    "{% set x %}[1, 2]{% endset %}{{ x }}", "{% macro m() %}{{ 5 }}{% endmacro %}{{ m() }}", "{% macro m() %}[{{ 5 }}]{% endmacro %}{{ m() | length }}",
    "{% filter string %}[1]{% endfilter %}", "{{ '\"a\" \"b\"' }}", "{{ '[1, 2][0]' }}", "{{ '{}' }}", "{{ '[]' }}",
]


LEXER = [
    "{{ '}}' }}", "{{ \"{%\" }}", "{{ {'a': {'b': 1}} }}", "{{ {'a': {'b': 1}}}}", "{%raw%}{{x}}{%endraw%}",
    "{% raw -%}\n  a  \n{%- endraw %}", "{# %} #}x", "{# {{ #}x", "{{ 'a\nb' }}", "{{\n1\n+\n2\n}}",
    "{{ [1,\n2] }}", "{%- if true -%}\n  x  \n{%- endif -%}", "{{- 'a' -}}   {{- 'b' }}", "a{{'b'}}c",
    "{{ 1 }}{{ 2 }}{{ 3 }}", "{% if true %}{% endif %}", "{%if true%}y{%endif%}", "{{n}}{{s}}",
    "{{ n|string }}", "{{ n|string|length }}", "{{ n is odd|string }}", "{{ -n }}", "{{ - n }}", "{{ --n }}",
    "{{ not not n }}", "{{ (n) }}", "{{ ((n)) }}", "{{ () }}", "{{ (()) }}", "{{ (n,) }}", "{{ [n,] }}", "{{ {n: 1,} }}",
    "{{ f(1,) }}", "{{ range(3,) | list }}", "{{ 1.5.real }}", "{{ l.0 }}", "{{ l.1 }}", "{{ users.0.name }}",
    "{{ 'a' 'b' 'c' }}", "{{ 'a'\n'b' }}", "{{ \"a\" ~ 'b' }}", "{{ '\\'' }}", "{{ \"\\\"\" }}",
    "{{ 0 }}{{ 00 }}{{ 0_0 }}", "{{ 1__0 }}", "{{ 1_ }}", "{{ 0x }}", "{{ 0b2 }}", "{{ 0o8 }}", "{{ 1e }}", "{{ 1e+ }}",
    "{{ 1.e3 }}", "{{ 1.5e-3 }}", "{{ 1E+3 }}", "{{ 2.5e0 }}", "{{ 123abc }}", "{{ abc123 }}", "{{ _x }}", "{{ __x }}",
    "{{ n@2 }}", "{{ n $ 2 }}", "{{ n ? 2 }}", "{{ n ; 2 }}", "{{ n : 2 }}", "{{ n = 2 }}", "{{ n !== 2 }}", "{{ n <> 2 }}",
    "{{ n === 3 }}", "{{ n => 2 }}", "{{ n =< 2 }}", "{{ n ! }}", "{{ 'é' ~ 'ü' }}", "{{ ü }}", "{{ x\u00e9 }}",
    "{% for\nx\nin\nl\n%}{{ x }}{% endfor %}", "{% set x = 1 -%}\n\n{{ x }}", "{% set x = 1 +%}\n{{ x }}",
    "{{ n +}}", "{{ n -}}x", "x {{- n }}", "x {{+ n }}", "{%- raw %} a {% endraw -%} b", "{% raw %}{% raw %}{% endraw %}",
    "{%+ raw %}x{% endraw %}", "{% endraw %}", "{% raw %}{% endraw +%}\nx", "{#- c -#}  x", "  {#+ c #}x", "{#\n#}\nx",
]
WS_PIECES = ["", " ", "  ", "\n", "\n\n", "\t", "x", " y ", "{{ n }}", "{{- n }}", "{{ n -}}", "{# c #}", "{#- c -#}",
             "{#+ c #}", "{% set q = 1 %}", "{%- set q = 1 %}", "{% set q = 1 -%}", "{%+ set q = 1 %}", "{% set q = 1 +%}"]
WS_OPEN = ["{% if true %}", "{%- if true %}", "{% if true -%}", "{%+ if true %}", "{% for i in [1, 2] %}", "{%- for i in [1, 2] -%}"]


def whitespace_template(rng):
    parts = []
    depth = []
    for _ in range(rng.randint(3, 9)):
        r = rng.random()
        if r < 0.2 and len(depth) < 3:
            o = rng.choice(WS_OPEN)
            parts.append(o)
            depth.append("endfor" if "for" in o else "endif")
        elif r < 0.35 and depth:
            tag = depth.pop()
            parts.append(rng.choice(["{%% %s %%}", "{%%- %s %%}", "{%% %s -%%}", "{%%+ %s %%}", "{%% %s +%%}"]) % tag)
        else:
            parts.append(rng.choice(WS_PIECES))
    while depth:
        parts.append("{%% %s %%}" % depth.pop())
    if rng.random() < 0.5:
        parts.append(rng.choice(["\n", "\n\n", " \n"]))
    return "".join(parts)


SIMPLE_FILTERS = ["length", "string", "list", "first", "int", "abs", "upper", "default(0)", "sort", "reverse | list",
                  "join", "float", "round", "trim", "count", "tojson", "unique", "sum", "min"]
SIMPLE_TESTS = ["defined", "none", "number", "string", "odd", "even", "sequence", "mapping", "divisibleby(2)", "in([1, 2, 3])",
                "eq 3", "lt 2", "iterable", "integer"]


def random_expr(rng, depth):
    if depth <= 0 or rng.random() < 0.25:
        return rng.choice(OPERANDS)
    r = rng.random()
    sub = lambda: random_expr(rng, depth - 1)  # noqa: E731
    if r < 0.35:
        return "%s %s %s" % (sub(), rng.choice([op for op in BINOPS if op not in ("**", "*")]), sub())
    if r < 0.5:
        return "(%s) | %s" % (sub(), rng.choice(SIMPLE_FILTERS))
    if r < 0.6:
        return "%s is %s" % (sub(), rng.choice(SIMPLE_TESTS))
    if r < 0.7:
        return "%s if %s else %s" % (sub(), sub(), sub())
    if r < 0.78:
        return "not %s" % sub()
    if r < 0.85:
        return "-(%s)" % sub()
    if r < 0.92:
        return "[%s, %s][%s]" % (sub(), sub(), rng.choice(["0", "1", "-1", "n", "z", "t"]))
    return "(%s)" % sub()


def binary_exprs(rng, count):
    out = []
    for _ in range(count):
        a, b = rng.choice(OPERANDS), rng.choice(OPERANDS)
        out.append("{{ %s %s %s }}" % (a, rng.choice(BINOPS), b))
    return out


def cases():
    rng = random.Random(20241202)
    out = []

    def add(src, mode="str", opts=None):
        c = {"src": src, "mode": mode}
        if opts:
            c["opts"] = opts
        out.append(c)

    for src in binary_exprs(rng, 2600):
        add(src)
    for flt in FILTERS:
        for a in rng.sample(OPERANDS, 14):
            add("{{ %s | %s }}" % (a, flt))
    for tst in TESTS:
        for a in rng.sample(OPERANDS, 8):
            add("{{ %s is %s }}" % (a, tst))
    for meth in METHODS:
        for a in ["s", "csv", "w", "l", "d", "num", "e", "uni"]:
            add("{{ %s.%s }}" % (a, meth))
    for fmt in FORMATS:
        add("{{ %s }}" % fmt)
    for lit in LITERALS:
        add("{{ %s }}" % lit)
    for op in ["-", "not ", "+"]:
        for a in OPERANDS:
            add("{{ %s%s }}" % (op, a))
    for a in OPERANDS:
        add("{{ %s }}" % a)
        add("{{ %s if %s else 'no' }}" % (rng.choice(OPERANDS), a))
        add("{{ %s[%s] }}" % (a, rng.choice(["0", "-1", "'a'", "1:", "::-1", "'b'", "n"])))
    for st in STATEMENTS + SCOPING:
        add(st)
    for opts in OPTIONS:
        for src in WS_TEMPLATES:
            add(src, opts=opts)
    for src in MODE_EXPRS + rng.sample(STATEMENTS, 60) + rng.sample(LITERALS, 60):
        add(src, "eval")
        add(src, "native")
    for src in binary_exprs(rng, 300):
        add(src, "native")
    for src in statement_combos(rng):
        add(src)
    for src in LEXER:
        add(src)
    for src in FILES:
        add(src, "file")
    for _ in range(60):
        add(rng.choice(["#jinja2: trim_blocks: False\n", "#jinja2:lstrip_blocks: True\n", "#jinja2: keep_trailing_newline: True\n",
                        "#jinja2: trim_blocks: False, lstrip_blocks: True\n", ""]) + whitespace_template(rng), "file")
    for _ in range(1500):
        add("{{ %s }}" % random_expr(rng, 3))
    ws_opts = [{}, {"trim_blocks": False}, {"lstrip_blocks": True}, {"trim_blocks": False, "lstrip_blocks": True},
               {"keep_trailing_newline": True}, {"lstrip_blocks": True, "keep_trailing_newline": True}]
    for _ in range(600):
        add(whitespace_template(rng), opts=rng.choice(ws_opts) or None)
    for src in rng.sample(binary_exprs(rng, 600), 400):
        add(src, "eval")
    return out


STMT_SHAPES = [
    "{%% for x in %s %%}{{ x }}|{{ loop.index }}/{{ loop.revindex }};{%% else %%}empty{%% endfor %%}",
    "{%% if %s %%}yes{%% elif %s %%}elif{%% else %%}no{%% endif %%}",
    "{%% set a = %s %%}{{ a }}-{{ a | string | length }}",
    "{%% set a, b = %s, %s %%}{{ b }}{{ a }}",
    "{%% macro m(p, q=%s) %%}[{{ p }}|{{ q }}]{%% endmacro %%}{{ m(%s) }}{{ m(1, q=2) }}",
    "{%% with v = %s %%}{{ v is defined }}{{ v }}{%% endwith %%}",
    "{%% filter upper %%}{{ %s }}{%% endfilter %%}",
    "{%% set b %%}{{ %s }}{%% endset %%}{{ b ~ '!' }}",
    "{%% for k in %s | list %%}{{ loop.first }}{{ k }}{{ loop.last }}{%% endfor %%}",
    "{%% for x in [%s, %s] if x %%}{{ x }}{%% endfor %%}",
    "{{ [%s, %s] | select | list }} {{ [%s] | reject | list }}",
    "{%% set ns = namespace(v=%s) %%}{%% for i in l %%}{%% set ns.v = ns.v ~ i %%}{%% endfor %%}{{ ns.v }}",
    "{{ %s | default(%s) }} {{ %s | d(%s, true) }}",
    "{{ (%s, %s) }} {{ [%s] }} {{ {'k': %s} }}",
    "{%% for x in %s %%}{%% for y in %s %%}{{ loop.depth }}{{ x }}{{ y }},{%% endfor %%}{%% endfor %%}",
    "{{ %s if %s }}|{{ %s is defined }}",
    "{%% macro c() %%}{{ caller(%s) }}{%% endmacro %%}{%% call(v) c() %%}<{{ v }}>{%% endcall %%}",
]
CHAIN = ["upper", "lower", "list", "length", "string", "first", "last", "sort", "unique", "reverse | list",
         "join('/')", "default('-')", "trim", "int", "float", "abs", "tojson", "title", "count", "min", "max", "sum",
         "map('string') | list", "select | list", "batch(2) | list", "items | list", "dictsort", "e", "round"]


def statement_combos(rng):
    out = []
    for shape in STMT_SHAPES:
        n = shape.count("%s")
        for _ in range(45):
            out.append(shape % tuple(rng.choice(OPERANDS) for _ in range(n)))
    for _ in range(700):
        out.append("{{ %s | %s | %s }}" % (rng.choice(OPERANDS), rng.choice(CHAIN), rng.choice(CHAIN)))
    return out
