"""progress_in_tmux.py WEFT PROG: runs `weft test` on PROG (each run sleeps
one second) in a detached tmux session and prints what the pane shows while
it runs."""
import os
import subprocess
import sys
import time

weft, prog = sys.argv[1], sys.argv[2]
session = "weft-progress-%d" % os.getpid()
cmd = "%s test -n 40 -j 2 --seed 1 %s 1" % (weft, prog)
subprocess.check_call(["tmux", "new-session", "-d", "-s", session, "-x", "200",
                       "-y", "20", cmd])
try:
    screen = ""
    for _ in range(100):
        time.sleep(0.1)
        screen = subprocess.check_output(
            ["tmux", "capture-pane", "-p", "-t", session]).decode()
        if "/40 schedules" in screen:
            break
    print(screen)
finally:
    subprocess.call(["tmux", "kill-session", "-t", session])
