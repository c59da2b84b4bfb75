#!/usr/bin/env python3
"""expect_exit.py CODE CMD [ARGS...]: runs CMD, passes its output through, and
succeeds only if it exits with status CODE (a number, or 'signal:N')."""
import subprocess
import sys

want = sys.argv[1]
proc = subprocess.run(sys.argv[2:])
got = proc.returncode
got_text = "signal:%d" % -got if got < 0 else str(got)
if got_text != want:
    sys.stdout.flush()
    print("expect_exit: expected exit status %s, got %s" % (want, got_text), file=sys.stderr)
    sys.exit(1)
