# Runs a command and prints how it ended, then exits 0, so that a lit test can
# check an exact exit code (lit's `not` only knows zero from non-zero).
# A command killed by signal N is reported as a shell would: 128+N.
import subprocess
import sys

sys.stdout.flush()
result = subprocess.run(sys.argv[1:])
code = result.returncode if result.returncode >= 0 else 128 - result.returncode
print("exit status: %d" % code, flush=True)
