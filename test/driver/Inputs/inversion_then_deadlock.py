#!/usr/bin/env python3
"""Prints what a run looks like that reports a lock-order inversion and then
deadlocks, and exits like weft does after a deadlock (67)."""
import sys

sys.stderr.write("""==================
WARNING: weft: lock-order-inversion (potential deadlock) (pid=1)
SUMMARY: weft: lock-order-inversion (potential deadlock) /src/locks.c:22:3 in ba
==================
==================
WARNING: weft: deadlock (pid=1)
SUMMARY: weft: deadlock /src/locks.c:32:3 in main
==================
""")
sys.exit(67)
