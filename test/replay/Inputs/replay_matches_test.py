#!/usr/bin/env python3
"""replay_matches_test.py WEFT PROGRAM ARGS...: runs `weft test -n 1` on a
program that fails (exits non-zero) in every schedule, then the `weft
replay` command that weft test printed for the failure, and succeeds iff the
program's own output lines are the same in
both: the replay is the run that failed, addresses and all."""
import re
import shlex
import subprocess
import sys

weft, program, args = sys.argv[1], sys.argv[2], sys.argv[3:]
test = subprocess.run([weft, "test", "-n", "1", "--seed", "9", "--", program] + args,
                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
match = re.search(r"^weft: reproduce with: (.*)$", test.stdout, re.M)
if not match:
    sys.exit("replay_matches_test: weft test printed no reproduce command:\n" + test.stdout)
command = shlex.split(match.group(1))
env = {}
while command and re.match(r"^[A-Z_]+=", command[0]):
    name, value = command.pop(0).split("=", 1)
    env[name] = value
import os
replay = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                        text=True, env=dict(os.environ, **env))


def own_lines(text):
    # weft test's own lines start with "weft" or are indented under one.
    return [l for l in text.splitlines() if l and not l.startswith(("weft", " "))]


tested, replayed = own_lines(test.stdout), own_lines(replay.stdout)
if not tested:
    sys.exit("replay_matches_test: the program printed nothing under weft test")
if tested != replayed:
    sys.exit("replay_matches_test: the replay differs:\n  test:   %s\n  replay: %s"
             % (tested, replayed))
print("same: %d lines" % len(tested))
