#!/usr/bin/env python3
"""Records testdata/ini/<case>.json: what Python's configparser, set up as
ansible-core 2.14 sets it up (ConfigParser(inline_comment_prefixes=(';',)),
read with raw=True), makes of testdata/ini/<case>.cfg: {section: {key: value}}
with [DEFAULT] merged in, or {"error": true} when it refuses the file."""
import configparser, glob, json, os
here = os.path.dirname(os.path.abspath(__file__))
for path in sorted(glob.glob(os.path.join(here, 'ini', '*.cfg'))):
    p = configparser.ConfigParser(inline_comment_prefixes=(';',))
    try:
        with open(path) as f:
            p.read_string(f.read())
        out = {s: {k: p.get(s, k, raw=True) for k in p.options(s)} for s in p.sections()}
    except configparser.Error:
        out = {"error": True}
    with open(path[:-4] + '.json', 'w') as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write('\n')
    print(os.path.basename(path), out)
