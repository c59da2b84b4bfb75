// racy_sites=FILE starts one execution directed (docs/scheduling.md): a run
// under weft test's report channel names the access sites that raced; the
// same seed that passes without them finds the lost update with them,
// because the racy write becomes a scheduling point on every execution.
// RUN: %weft-cc %S/../../schedules/corpus/lost_update_two_locks.c -o %t
// RUN: rm -f %t.channel && touch %t.channel
// RUN: env WEFT_REPORT_CHANNEL=%t.channel WEFT_SEED=1 %t
// RUN: FileCheck %s --check-prefix=LEARNED < %t.channel
// LEARNED: weft: racy sites: racy_sites_option.c.tmp+0x{{[0-9a-f]+$}}
// RUN: sed -n 's/^weft: racy sites: //p' %t.channel > %t.sites
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=preemption_rate=-1 %t
// RUN: env WEFT_SEED=1 WEFT_OPTIONS="preemption_rate=-1 racy_sites=%t.sites" %expect-exit 68 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: assertion failed
// CHECK: To reproduce: WEFT_OPTIONS='preemption_rate=-1 racy_sites={{.*}}.sites' WEFT_SEED=0x1
//
// The schedule file names the sites, so it replays without the option.
// RUN: env WEFT_SEED=1 WEFT_OPTIONS="preemption_rate=-1 racy_sites=%t.sites schedule_out=%t.schedule" %expect-exit 68 %t > /dev/null 2>&1
// RUN: FileCheck %s --check-prefix=SCHEDULE < %t.schedule
// SCHEDULE: racy_sites racy_sites_option.c.tmp+0x{{[0-9a-f]+$}}
// RUN: %expect-exit 68 %weft replay --schedule-file %t.schedule -- %t 2>&1 | FileCheck %s --check-prefix=REPLAY
// REPLAY: WARNING: weft: assertion failed
//
// Bad input is a clear error.
// RUN: echo 'two_locks+0x12 nonsense' > %t.bad
// RUN: env WEFT_OPTIONS=racy_sites=%t.bad %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: weft: error: bad racy site 'nonsense' in racy_sites file (expected module+0xoffset)
// RUN: env WEFT_OPTIONS=racy_sites=%t.missing %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: weft: error: cannot open racy_sites file '{{.*}}.missing'
