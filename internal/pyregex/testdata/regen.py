#!/usr/bin/env python3
"""Records Python's re results for pyregex's golden test.

Run: python3 internal/pyregex/testdata/regen.py  (writes golden.json next to
this script). Spans are UTF-8 byte offsets, as Go indexes strings; flags use
pyregex's bits (1 MULTILINE, 2 IGNORECASE, 4 DOTALL).
"""
import json
import os
import random
import re

M, I, S = 1, 2, 4
PYFLAGS = {M: re.M, I: re.I, S: re.S}

# (pattern, flags, replacement, inputs)
CASES = [
    # literals, escapes, dot
    (r"abc", 0, "X", ["abc", "xabcx", "ab", ""]),
    (r"a.c", 0, "<\\g<0>>", ["abc", "a\nc", "aéc", "ac"]),
    (r"a.c", S, "X", ["a\nc", "abc"]),
    (r"\x41\u00e9\t\n", 0, "X", ["Aé\t\n", "A\t\n"]),
    (r"\.\*\+\?\(\)\[\]\{\}\|\^\$\\", 0, "X", [".*+?()[]{}|^$\\"]),
    (r"\0\101\12", 0, "X", ["\0A\n"]),
    (r"a{", 0, "X", ["a{", "a"]),
    (r"a{,2}b", 0, "X", ["aaab", "b"]),
    (r"a{x}", 0, "X", ["a{x}"]),
    (r"x{2}y{1,}z{0,1}", 0, "-", ["xxyyz", "xxy", "xyz"]),
    # classes
    (r"[a-c]+", 0, "X", ["abcdcba", "xyz"]),
    (r"[^a-c]+", 0, "X", ["abcdcba", "xyz"]),
    (r"[]a]+", 0, "X", ["a]]a", "b"]),
    (r"[^]a]+", 0, "X", ["a]]bca", "b"]),
    (r"[a-]+", 0, "X", ["a--b"]),
    (r"[-a]+", 0, "X", ["a--b"]),
    (r"[\d\s]+", 0, "X", ["1 2\t3x", "٣ ٤"]),
    (r"[\w.-]+@[\w.-]+", 0, "X", ["mail jo.e@ex-ample.com now"]),
    (r"[\W]+", 0, "_", ["a, b! é"]),
    (r"[\b]", 0, "B", ["a\bb"]),
    (r"[\x41-\x43]+", 0, "X", ["ABCD"]),
    (r"[[:digit:]]", 0, "X", ["1:d]", "["]),
    (r"[é-ü]+", 0, "X", ["aéöüz"]),
    (r"[A-Z]+", I, "X", ["abcXYZ1"]),
    (r"[^a-z]+", I, "X", ["abcXYZ1"]),
    # Unicode \d \w \s and boundaries
    (r"\d+", 0, "D", ["a12٣٤b", "x"]),
    (r"\D+", 0, "N", ["a12٣٤b"]),
    (r"\w+", 0, "W", ["héllo wörld_1 ñ", "!!"]),
    (r"\W+", 0, "_", ["héllo, wörld!"]),
    (r"\s+", 0, "_", ["a \t\n\u00a0\u2003b\x1cc"]),
    (r"\S+", 0, "S", ["a  bc\u00a0d"]),
    (r"\bfoo\b", 0, "X", ["foo foobar barfoo foo", "éfoo", "foo"]),
    (r"\Bfoo\B", 0, "X", ["xfoox foo"]),
    (r"\B", 0, "|", ["", "ab", "a b"]),
    (r"\b", 0, "|", ["", "ab cd", "é!"]),
    # anchors
    (r"^abc", 0, "X", ["abc\nabc", "xabc"]),
    (r"^abc", M, "X", ["abc\nabc", "x\nabc"]),
    (r"abc$", 0, "X", ["abc\nabc", "abc\n", "abc\n\n"]),
    (r"abc$", M, "X", ["abc\nabc", "abc\n", "abc\nx"]),
    (r"^$", M, "E", ["a\n\nb\n", ""]),
    (r"$", 0, "E", ["a\n", "a", ""]),
    (r"$", M, "E", ["a\nb\n"]),
    (r"\Aab", M, "X", ["ab\nab"]),
    (r"ab\Z", M, "X", ["ab\nab", "ab\n"]),
    (r"^", M, "> ", ["a\nb\n", ""]),
    (r".*$", 0, "X", ["one\ntwo\n"]),
    (r"(?m)^(\w+)$", 0, "<\\1>", ["one\ntwo\n", "x y\nz"]),
    # groups and alternation
    (r"(a)(b)?(c)", 0, "[\\1|\\2|\\3]", ["ac", "abc", "x"]),
    (r"(?:ab)+", 0, "X", ["ababab", "aba"]),
    (r"(?P<key>\w+)=(?P<val>\w*)", 0, "\\g<val>=\\g<key>", ["a=1 b= c=3"]),
    (r"cat|dog|bird", 0, "pet", ["cat dog fish bird"]),
    (r"a|ab|abc", 0, "X", ["abc"]),
    (r"(a|ab)(c|bcd)(d*)", 0, "[\\1,\\2,\\3]", ["abcd"]),
    (r"(a*)*", 0, "<\\1>", ["b", "aab"]),
    (r"(a|)*b", 0, "<\\1>", ["aab", "b"]),
    (r"(a*)+b", 0, "<\\1>", ["aab", "b"]),
    (r"(?:(a)|b)*", 0, "<\\1>", ["ab", "ba", "bb"]),
    (r"(a)|(b)", 0, "[\\1\\2]", ["ab"]),
    (r"((a)(b))", 0, "\\3\\2\\1", ["ab"]),
    (r"()", 0, "-", ["ab"]),
    (r"(x)?y", 0, "[\\1]", ["y", "xy"]),
    # quantifiers, greedy and lazy
    (r"a*", 0, "X", ["aaa", "baaac", ""]),
    (r"a*?", 0, "X", ["aaa", "baa"]),
    (r"a+?", 0, "X", ["aaa"]),
    (r"a??b", 0, "X", ["ab", "b"]),
    (r"<.*>", 0, "T", ["<a><b>"]),
    (r"<.*?>", 0, "T", ["<a><b>"]),
    (r"a{2,3}", 0, "X", ["aaaaaaa"]),
    (r"a{2,3}?", 0, "X", ["aaaaaaa"]),
    (r"a{2,}?b", 0, "X", ["aaaab"]),
    (r"(ab){2}", 0, "<\\1>", ["ababab"]),
    (r"(a|b){2,3}?c", 0, "<\\1>", ["ababc"]),
    (r"x*", 0, "-", ["abc"]),
    (r"\s*$", 0, "!", ["ab  ", "ab  \n"]),
    (r"(\w+)\s*", 0, "<\\1>", ["hi there  you"]),
    # flags
    (r"ABC", I, "x", ["abc AbC aBd"]),
    (r"(?i)straße", 0, "x", ["STRASSE Straße STRAßE"]),
    (r"(?i)[k]", 0, "x", ["K k \u212a"]),
    (r"(?i:a)b", 0, "x", ["Ab AB ab"]),
    (r"(?-i:a)b", I, "x", ["Ab aB ab"]),
    (r"(?s:.)x", 0, "-", ["\nx"]),
    (r"(?ms)^a.b$", 0, "X", ["z\na\nb\n"]),
    (r"é", I, "x", ["É é"]),
    # backreferences
    (r"(a)\1", 0, "X", ["aa", "ab", "aaa"]),
    (r"(\w+) \1", 0, "<\\1>", ["hello hello world", "the the the", "a b"]),
    (r"^(REF) .* \1$", 0, "X", ["REF a b REF", "REF a b REFX", "REF x REF\n"]),
    (r"^(\w+)\s+\1$", M, "\\1", ["a a\nb c\ndd dd\n"]),
    (r"(?P<q>['\"]).*?(?P=q)", 0, "Q", ["say 'hi' and \"yo\" 'x\""]),
    (r"(a)|\1", 0, "X", ["a", "b"]),
    (r"(a)?\1", 0, "X", ["aa", "b"]),
    (r"(\w)\1+", 0, "<\\1>", ["aaabccdd"]),
    (r"(A)\1", I, "X", ["Aa aA AA"]),
    (r"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10", 0, "X", ["abcdefghijj", "abcdefghija0"]),
    (r"(?:(a)|b)\1", 0, "X", ["aa", "ba", "b"]),
    (r"(\d+)-\1", 0, "\\1", ["12-12 3-4 56-5"]),
    (r"(?P<x>a)(?P=x)(?P=x)", 0, "X", ["aaaa"]),
    (r"<(\w+)>.*?</\1>", S, "T", ["<b>x</b> <i>\n</i> <p></q>"]),
    (r"(.)(.).?\2\1", 0, "P", ["abba abcba xyz"]),
    (r"(a*)b\1", 0, "X", ["aabaa", "aaba", "b"]),
    # lookahead
    (r"foo(?=bar)", 0, "X", ["foobar foobaz"]),
    (r"foo(?!bar)", 0, "X", ["foobar foobaz foo"]),
    (r"\w+(?=,)", 0, "X", ["a, bb, ccc"]),
    (r"(?=(\w+))\w", 0, "<\\1>", ["ab cd"]),
    (r"^(?!.*secret).*$", M, "ok", ["public\nsecret stuff\nother\n"]),
    (r"(?=a)", 0, "^", ["banana"]),
    (r"(?!a)", 0, "^", ["ba"]),
    (r"x(?=y|z)", 0, "X", ["xy xz xw"]),
    (r"(?=.*\d)(?=.*[a-z]).{6,}", 0, "OK", ["abc123", "abcdef", "12345678"]),
    (r"(?!(a))b", 0, "[\\1]", ["ab b"]),
    (r"(?=(a))a\1?", 0, "[\\1]", ["aa"]),
    # lookbehind
    (r"(?<=\$)\d+", 0, "N", ["cost $42 or 7 $9"]),
    (r"(?<!\$)\b\d+", 0, "N", ["cost $42 or 7 $9"]),
    (r"(?<=ab|cd)x", 0, "X", ["abx cdx efx"]),
    (r"(?<=^)a", M, "X", ["a\na ba"]),
    (r"(?<=é)x", 0, "X", ["éx ex"]),
    (r"(?<=(a))b", 0, "[\\1]", ["ab cb"]),
    (r"(?<=\w{3})\d", 0, "N", ["ab1 abc2 x3"]),
    (r"(?<!^)x", 0, "-", ["xxx"]),
    (r"(?<=a)", 0, "|", ["aab"]),
    (r"(?<![a-z])\d", I, "N", ["A1 12 x3"]),
    (r"(?<=(?:ab)(?:c))d", 0, "X", ["abcd"]),
    (r"(?<=a{2})b", 0, "X", ["aab ab"]),
    (r"(?<=(a)\1)b", 0, "X", ["aab ab"]),
    # atomic and possessive (Python 3.11)
    (r"(?>a+)b", 0, "X", ["aaab", "aaa"]),
    (r"(?>a|ab)c", 0, "X", ["abc", "ac"]),
    (r"a++a", 0, "X", ["aaaa"]),
    (r"a*+b", 0, "X", ["aab"]),
    (r"\d?+\d", 0, "X", ["12", "1"]),
    # conditionals
    (r"(<)?\w+(?(1)>)", 0, "X", ["<a> b <c"]),
    (r"(?P<q>\")?x(?(q)\"|y)", 0, "X", ['"x" xy "xy'] ),
    # comments
    (r"a(?#note)b", 0, "X", ["ab"]),
    # ansible-ish patterns
    (r"^(\s*)#?\s*(PermitRootLogin)\s+.*$", M, "\\1\\2 no", ["  # PermitRootLogin yes\nX\n"]),
    (r"^(.*)Xms(\d+)m(.*)$", 0, "\\1Xms${xms}m\\3", ["JAVA_OPTS=-Xms512m -Xmx1g"]),
    (r"(?P<name>\w+):(?P<rest>.*)", 0, "\\g<rest>:\\g<name>", ["root:x:0:0"]),
    (r"^(?!#)(\S+)\s+(\S+)", M, "\\2 \\1", ["#c d\na b\n"]),
    (r"^(\w+)\s*=\s*(?!\1)", M, "X", ["a = b\nc = c\n"]),
    (r"(?<=\n)\n", 0, "", ["a\n\n\nb"]),
    (r"^\s*$\n", M, "", ["a\n\n  \nb\n"]),
    (r"(\r?\n)+", 0, "\\1", ["a\r\n\r\nb\n\nc"]),
    # more backreferences, lookaround and flags together
    (r"(?i)(\w+) \1", 0, "<\\1>", ["Hello HELLO hello", "ab AB Ab", "x y"]),
    (r"^(\w+):.*\n(?:.*\n)*?\1:", M, "DUP", ["a:1\nb:2\na:3\n", "a:1\nb:2\n"]),
    (r"(?m)^(?=.*\bfoo\b)(?!.*\bbar\b).*$", 0, "hit", ["foo\nfoo bar\nbaz foo\n", "nothing"]),
    (r"(?s)(?<=BEGIN\n).*?(?=\nEND)", 0, "X", ["BEGIN\na\nb\nEND\nBEGIN\nc\nEND"]),
    (r"(?<=,|;)x", 0, "X", [",x;x x"]),
    (r"(?<=[,;])\s*(\w)", 0, "\\1", ["a,  b;c , d"]),
    (r"\b(\w)(\w)?(\w)?\w?(?(3)\3|(?(2)\2|\1))\b", 0, "P", ["abcba abba aa a xyz"]),
    (r"(?P<a>.)(?P<b>.)(?P=b)(?P=a)", 0, "\\g<b>\\g<a>", ["xabba noon deed"]),
    (r"((\w)\2)+", 0, "<\\1>", ["aabbcc aab"]),
    (r"(\w+)(?=\s\1)", 0, "D", ["go go gophers go"]),
    (r"(?!^)(?=(\d{3})+$)", 0, ",", ["1234567", "123", "12"]),
    (r"(?<=\d)(?=(?:\d{3})+(?!\d))", 0, ",", ["1234567 and 89012"]),
    (r"^(?:(?!ab).)*$", M, "ok", ["xaby\nxyz\nab\n"]),
    (r"(?<!\\)\$(\w+)", 0, "<\\1>", ["$a \\$b $c"]),
    (r"(['\"])(?:(?!\1).)*\1", 0, "S", ["'a\"b' \"c'd\" 'e"]),
    (r"(\d+)(?:\.\1)+", 0, "R", ["1.1.1 2.3 4.4"]),
    (r"(?i)(?<=ab)C", 0, "x", ["ABc abC Abd"]),
    (r"(?i)(?<!a)b", 0, "x", ["Ab cB b"]),
    (r"(?:(?=(a+))a)*b\1", 0, "X", ["aaab", "aaaba"]),
    (r"(a)(?=\1)", 0, "X", ["aab"]),
    (r"(?<=(\w))\1", 0, "X", ["aab"]),
    (r"\B(?=\w)", 0, "-", ["abc de"]),
    (r"(?<=a)b|(?<=c)d", 0, "X", ["ab cd ad cb"]),
    (r"(?<![\w.])\d+(?![\w.])", 0, "N", ["1 2.3 a4 5"]),
    (r"^(.+?)(\1)+$", 0, "\\1", ["abcabcabc", "abab", "abc"]),
    (r"^(a+)\1$", 0, "X", ["aaaa", "aaa"]),
    (r"(a{2})\1", 0, "X", ["aaaa aaa"]),
    (r"(a)?(?(1)b|c)", 0, "X", ["ab c a"]),
    (r"(?P<open>\()?\d+(?(open)\))", 0, "N", ["(1) 2 (3 4)"]),
    (r"(?>\w+):", 0, "K", ["key: val"]),
    (r"(?>(a)|b)+\1", 0, "X", ["aba", "ab"]),
    (r"\w++\d", 0, "X", ["abc1"]),
    (r"(?:a|b)*+c", 0, "X", ["ababc"]),
    (r"\d{2,}+5", 0, "X", ["12345"]),
    (r"(\w)\1{2}", 0, "T", ["aaab bbb cc"]),
    (r"(.)\1*", 0, "<\\1>", ["aabccc"]),
    (r"(?<=\A)x|x(?=\Z)", 0, "X", ["xax", "x"]),
    (r"(?m)(?<=^)\s+|\s+(?=$)", 0, "", ["  a  \n b \n"]),
    (r"(?<=é)(\w)\1", I, "X", ["éAa éab"]),
    (r"(?<=\t)\w+", 0, "T", ["a\tbc\td"]),
    (r"(\S+)\s+\1", 0, "\\1", ["x\u00a0x y\u2003y"]),
    (r"(?<=\u00e9)\d", 0, "N", ["é1 e2"]),
    (r"(\w+)@(\w+)\.com(?=\s|$)", 0, "\\2:\\1", ["me@ex.com you@ex.com.au"]),
    (r"^(\s*)(-\s)(?=\w)", M, "\\1* ", ["- a\n  - b\n-\n"]),
    (r"(?<=\[)[^\]]*(?=\])", 0, "X", ["[a] [bc] []"]),
    (r"(x)(?!.*\1)", S, "L", ["x\nx\nx"]),
    (r".(?<!a)", 0, "-", ["abac"]),
    (r"(?=(..))", 0, "<\\1>", ["abcd"]),
    (r"(?<=(..))", 0, "<\\1>", ["abc"]),
    (r"(?<=a)(?<!b)c", 0, "X", ["ac bc"]),
    (r"(?:(a)|(b))+\1?\2?", 0, "[\\1|\\2]", ["abab", "ba"]),
    (r"(?:x(?=y)|y(?=x))+", 0, "Z", ["xyxyx"]),
    (r"(a)|(?<=\1)b", 0, "X", ["ab"]),
    (r"(?<=a|bb)c", 0, "", ["ac"]),
    (r"(?<=a*)c", 0, "", ["ac"]),
    (r"(?(2)a|b)(x)", 0, "", ["x"]),
    (r"(?(x)a|b)", 0, "", ["x"]),
    (r"(?x)a b", 0, "", ["ab"]),
    (r"(?P<n>a)|(?P=n", 0, "", ["a"]),
    (r"(?<", 0, "", ["a"]),
    (r"(?", 0, "", ["a"]),
    (r"\\", 0, "X", ["\\\\"]),
    (r"\x4", 0, "", ["a"]),
    (r"[\d-z]", 0, "", ["a"]),
    (r"a{1,2}{3}", 0, "", ["a"]),
    (r"(?i", 0, "", ["a"]),
    (r"(?x) (\w+)  # a word" "\n" r" \s* = \s* (\1) # the same again", 0, "<\\1>", ["a = a", "ab=ab b = c"]),
    (r"(?x)[ #]+ \# x\ y", 0, "X", ["a # #x y"]),
    (r"(?x: a b )c d", 0, "X", ["abc d", "abcd"]),
    # errors
    (r"(?<=a+)b", 0, "", ["ab"]),
    (r"(?<=a|bc)d", 0, "", ["ad"]),
    (r"(a)\2", 0, "", ["a"]),
    (r"(a\1)", 0, "", ["a"]),
    (r"(?P=nope)", 0, "", ["a"]),
    (r"a**", 0, "", ["a"]),
    (r"*a", 0, "", ["a"]),
    (r"a{3,2}", 0, "", ["a"]),
    (r"[b-a]", 0, "", ["a"]),
    (r"(a", 0, "", ["a"]),
    (r"a)", 0, "", ["a"]),
    (r"[a", 0, "", ["a"]),
    (r"\q", 0, "", ["q"]),
    (r"(?P<1a>x)", 0, "", ["x"]),
    (r"(?P<a>x)(?P<a>y)", 0, "", ["xy"]),
    (r"a(?i)b", 0, "", ["ab"]),
    (r"(?<=x(?=y))", 0, "", ["xy"]),
    (r"\1(a)", 0, "", ["aa"]),
    (r"(?<=\b)a", 0, "X", ["a ba"]),
]


def random_cases(n, seed=20261202):
    """Small random patterns over a, b and newline (seeded, so the file is
    stable), to compare the backtracking matcher on many shapes."""
    rnd = random.Random(seed)
    atoms = ["a", "b", ".", "[ab]", "[^a]", "\\n", "^", "$", "\\b", "\\1", "\\2", "(?=a)", "(?!b)",
             "(?<=a)", "(?<!b)", "\\w", "\\s"]
    quants = ["", "", "", "*", "+", "?", "*?", "+?", "??", "{1,2}", "{2}"]

    def pat(depth):
        out = ""
        for _ in range(rnd.randint(1, 3)):
            r = rnd.random()
            if depth < 2 and r < 0.3:
                inner = pat(depth + 1)
                if rnd.random() < 0.3:
                    inner += "|" + pat(depth + 1)
                out += rnd.choice(["(", "(", "(?:", "(?=", "(?!"]) + inner + ")"
            else:
                out += rnd.choice(atoms)
            out += rnd.choice(quants)
        return out

    cases = []
    while len(cases) < n:
        p = pat(0)
        flags = rnd.choice([0, 0, M, I, S])
        try:
            re.compile(p)
        except re.error:
            continue
        inputs = ["".join(rnd.choice("aab\n ") for _ in range(rnd.randint(0, 8))) for _ in range(2)]
        cases.append((p, flags, "<\\g<0>>", inputs))
    return cases


def byte_span(s, i):
    return len(s[:i].encode("utf-8"))


def spans(s, m):
    out = []
    for g in range(len(m.groups()) + 1):
        a, b = m.span(g)
        out.append([byte_span(s, a), byte_span(s, b)] if a >= 0 else [-1, -1])
    return out


def record(pattern, flags, repl, s):
    pf = 0
    for bit, f in PYFLAGS.items():
        if flags & bit:
            pf |= f
    case = {"pattern": pattern, "flags": flags, "input": s, "repl": repl}
    try:
        rx = re.compile(pattern, pf)
    except re.error as e:
        case["error"] = str(e)
        return case
    m = rx.search(s)
    case["search"] = spans(s, m) if m else None
    case["match"] = rx.match(s) is not None
    case["sub"] = rx.sub(repl, s)
    case["finditer"] = [spans(s, m) for m in rx.finditer(s)]
    found = rx.findall(s)
    case["findall"] = [list(x) if isinstance(x, tuple) else [x] for x in found]
    return case


def main():
    cases = CASES + random_cases(150)
    out = [record(p, f, r, s) for p, f, r, inputs in cases for s in inputs]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"{len(out)} cases written to {path}")


if __name__ == "__main__":
    main()
