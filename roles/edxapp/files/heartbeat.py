#!/usr/bin/env python3
"""Waits until every URL answers 200 on SETTLE consecutive rounds, one
second apart, within TIMEOUT seconds (the health check of a rolling
deploy: a gunicorn whose new workers fail to boot answers 200 from its old
workers for a moment, then stops answering).

usage: heartbeat.py TIMEOUT SETTLE URL..."""
import sys
import time
import urllib.request


def healthy(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status == 200, "%s: %s" % (url, resp.status)
    except Exception as exc:  # any failure is an unhealthy answer
        return False, "%s: %s" % (url, exc)


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    deadline = time.monotonic() + float(argv[1])
    settle, urls = int(argv[2]), argv[3:]
    good, last = 0, ""
    while time.monotonic() < deadline:
        answers = [healthy(u) for u in urls]
        if all(ok for ok, _ in answers):
            good += 1
            if good >= settle:
                print("healthy: " + ", ".join(urls))
                return
        else:
            good = 0
            last = "; ".join(msg for ok, msg in answers if not ok)
        time.sleep(1)
    sys.exit("unhealthy after %ss: %s" % (argv[1], last))


if __name__ == "__main__":
    main(sys.argv)
