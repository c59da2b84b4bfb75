// `weft test` over 200 schedules finds the lock-order deadlock and prints the
// seed that replays it; replaying that seed deadlocks again.
// RUN: %weft-cc %S/deadlock_lock_order.c -o %t
// RUN: not %weft test -n 200 --seed 1 -- %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: %python -c "import re,sys; print(re.search(r'weft replay (0x[0-9a-f]+)', open(sys.argv[1]).read()).group(1))" %t.out > %t.seed
// RUN: %python -c "import os,subprocess,sys; seed=open(sys.argv[1]).read().strip(); sys.exit(subprocess.run([sys.argv[2]], env=dict(os.environ, WEFT_SEED=seed)).returncode != 67)" %t.seed %t
// CHECK: WARNING: weft: deadlock
// CHECK: weft: failure: deadlock {{.*}}with seed 0x{{[0-9a-f]+}}
