// `weft test` over 200 schedules finds the lock-order deadlock and prints the
// command that replays it; running that command deadlocks again.
// RUN: %weft-cc %S/deadlock_lock_order.c -o %t
// RUN: env WEFT_OPTIONS=detect_deadlocks=0 not %weft test -n 200 --seed 1 -- %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: %python -c "import sys; print([l for l in open(sys.argv[1]) if l.startswith('weft: reproduce with: ')][0][len('weft: reproduce with: '):].strip())" %t.out > %t.cmd
// RUN: %python -c "import subprocess,sys; sys.exit(subprocess.run(['sh', '-c', open(sys.argv[1]).read()], capture_output=True).returncode != 67)" %t.cmd
// CHECK: WARNING: weft: deadlock
// CHECK: weft: failure: deadlock {{.*}}with seed 0x{{[0-9a-f]+}}
// CHECK: weft: reproduce with: WEFT_OPTIONS='detect_deadlocks=0 early_wakeups=1 preemption_rate=-1' {{.*}}weft replay 0x
