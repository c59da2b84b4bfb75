"""interrupt_test.py SIGNAL WAIT_FOR CMD...: runs CMD (a `weft test`),
passes its stdout through, and sends it SIGNAL (INT or TERM) once the
line WAIT_FOR has appeared in its output and, if WEFT_TEST_WAIT_PID_FILE
names a file, once the process whose pid that file holds has ended. Then
prints how CMD ended, as exit_status.py does."""
import os
import signal
import subprocess
import sys
import time

sig = getattr(signal, "SIG" + sys.argv[1])
wait_for = sys.argv[2]
proc = subprocess.Popen(sys.argv[3:], stdout=subprocess.PIPE)
seen = False
for raw in proc.stdout:
    line = raw.decode()
    sys.stdout.write(line)
    sys.stdout.flush()
    if wait_for in line:
        seen = True
        break
if seen:
    pid_file = os.environ.get("WEFT_TEST_WAIT_PID_FILE")
    if pid_file:
        deadline = time.time() + 120
        pid = None
        while pid is None and time.time() < deadline:
            try:
                pid = int(open(pid_file).read())
            except (OSError, ValueError):
                time.sleep(0.1)
        while time.time() < deadline:
            try:
                os.kill(pid, 0)
                time.sleep(0.1)
            except OSError:
                break
        time.sleep(0.5)  # for weft test to collect it
    proc.send_signal(sig)
rest = proc.stdout.read().decode()
sys.stdout.write(rest)
code = proc.wait()
print("exit status: %d" % (code if code >= 0 else 128 - code), flush=True)
