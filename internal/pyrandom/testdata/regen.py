#!/usr/bin/env python3
"""Regenerates golden.json: sequences from CPython's random.Random for the
seeds used by pyrandom's tests."""
import json
import os
import random

SEEDS = ["x", "", "hello", "h\u00e9llo", "inventory_host-1", 0, 1, 42, 2**40 + 7, -5, 2**100 + 3]

cases = []
for seed in SEEDS:
    r = random.Random(seed)
    words = [r.getrandbits(32) for _ in range(3)]
    bits40 = r.getrandbits(40)
    below = [r._randbelow(n) for n in (1, 2, 7, 1000, 2**31 + 5)]
    items = list(range(12))
    r.shuffle(items)
    rr = [r.randrange(0, 10, 1), r.randrange(5, 50, 5), r.randrange(10, 0, -3)]
    cases.append({"seed": seed if isinstance(seed, str) else str(seed), "is_str": isinstance(seed, str),
                  "words": words, "bits40": bits40, "below": below, "shuffle": items, "randrange": rr})

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden.json"), "w") as f:
    json.dump(cases, f, indent=1)
    f.write("\n")
