#!/usr/bin/env python3
"""The stand-in's manage.py: accepts the commands the edxapp role runs
(`manage.py lms|cms collectstatic|migrate ...`) and answers as Django does
for an app without static files or models."""
import sys


def main(argv):
    if len(argv) < 3 or argv[1] not in ("lms", "cms"):
        sys.exit("usage: manage.py lms|cms COMMAND [options]")
    command = argv[2]
    if command == "migrate":
        print("Operations to perform:\n  Apply all migrations: (none)\nRunning migrations:\n  No migrations to apply.")
    elif command == "collectstatic":
        print("0 static files copied.")
    else:
        sys.exit("unknown command: " + command)


if __name__ == "__main__":
    main(sys.argv)
