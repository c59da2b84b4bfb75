#!/usr/bin/env python3
"""same_report.py [--ignore-addresses] A B: succeeds iff two runs' outputs are
identical apart from the pid (and raw addresses, with --ignore-addresses,
for runs with ASLR on). Prints the first difference otherwise."""
import re
import sys

args = sys.argv[1:]
ignore_addresses = "--ignore-addresses" in args
files = [a for a in args if not a.startswith("--")]


def normalize(text):
    text = re.sub(r"\(pid=\d+\)", "(pid=N)", text)
    if ignore_addresses:
        text = re.sub(r" at 0x[0-9a-f]+", " at 0xADDR", text)
        text = re.sub(r"mutex 0x[0-9a-f]+", "mutex 0xADDR", text)
    return text.splitlines()


first, second = (normalize(open(f).read()) for f in files)
if not first:
    sys.exit("same_report: %s is empty" % files[0])
for i, (x, y) in enumerate(zip(first, second)):
    if x != y:
        sys.exit("same_report: line %d differs:\n  %s\n  %s" % (i + 1, x, y))
if len(first) != len(second):
    sys.exit("same_report: %d lines vs %d lines" % (len(first), len(second)))
