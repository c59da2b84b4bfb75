// weft test --html DIR draws every failure: with --keep-going, each failing
// seed gets DIR/<seed>.html, made from one more run of that seed with the
// trace on, and its racing pair is marked. A race-free program writes
// nothing there (the twin: the same program built with -DRACE_FREE).
// REQUIRES: chromium
// RUN: %weft-cc %S/html_timeline_race.c -o %t
// RUN: rm -rf %t.dir
// RUN: not %weft test -n 3 --seed 1 --keep-going --html %t.dir -- %t > %t.out
// RUN: FileCheck %s < %t.out
// CHECK-COUNT-3: weft: timeline written to {{.*}}.dir/0x{{[0-9a-f]+}}.html
// CHECK: weft test: 3 schedules, 3 failed
// RUN: ls %t.dir | grep -c '^0x[0-9a-f]*\.html$' | FileCheck %s --check-prefix=FILES
// FILES: {{^3$}}
// The first seed of --seed 1 (test_seed_sequence.test pins the sequence):
// RUN: %chromium --dump-dom file://%t.dir/0x910a2dec89025cc1.html 2>/dev/null > %t.dom
// RUN: grep -c 'class="event race' %t.dom | FileCheck %s --check-prefix=PAIR
// PAIR: {{^2$}}
// RUN: %weft-cc -DRACE_FREE %S/html_timeline_race.c -o %t.fixed
// RUN: rm -rf %t.fixed.dir
// RUN: %weft test -n 20 --seed 1 --html %t.fixed.dir -- %t.fixed | FileCheck %s --check-prefix=FIXED
// FIXED-NOT: timeline written
// FIXED: weft test: 20 schedules, 0 failed
// RUN: test -d %t.fixed.dir
// RUN: not ls %t.fixed.dir/*.html
// A path that is a file cannot be the directory.
// RUN: touch %t.file
// RUN: %expect-exit 2 %weft test -n 1 --html %t.file -- %t 2>&1 | FileCheck %s --check-prefix=NOTDIR
// NOTDIR: weft: error: cannot use '{{.*}}.file' as the --html directory: it is not a directory
