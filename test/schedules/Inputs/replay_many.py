"""replay_many.py N CMD...: runs CMD N times; every run must fail the same
way and print the same text, once the pid is set aside."""
import re
import subprocess
import sys

n, cmd = int(sys.argv[1]), sys.argv[2:]
first = None
for i in range(n):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    text = re.sub(r"pid=\d+", "pid=N", p.stdout.decode())
    if p.returncode == 0 or "WARNING: weft:" not in text:
        sys.exit("run %d did not fail:\n%s" % (i, text))
    if first is None:
        first = (p.returncode, text)
    elif (p.returncode, text) != first:
        sys.exit("run %d differs:\n%s\n--- first ---\n%s" % (i, text, first[1]))
print("%d identical runs" % n)
