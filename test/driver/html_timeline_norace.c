// The race-free twin of html_timeline_race.c: the same program with the
// unguarded increment left out. weft replay --html still draws the run
// (lanes and sync operations), says there was no failure, and marks no
// racing access.
// REQUIRES: chromium
// RUN: %weft-cc -DRACE_FREE %S/html_timeline_race.c -o %t
// RUN: %weft replay 0x2a --html %t.html -- %t > %t.out 2>&1
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// OUT-NOT: WARNING: weft
// OUT: weft: timeline written to {{.*}}.html
// RUN: %chromium --dump-dom file://%t.html 2>/dev/null > %t.dom
// RUN: FileCheck %s --input-file %t.dom
// CHECK: <h1 id="failure">weft: no failure</h1>
// CHECK: <th class="lane" data-thread="T0">T0 (main)</th><th class="lane" data-thread="T1">T1</th><th class="lane" data-thread="T2">T2</th></tr>
// CHECK: data-kind="sync">lock O1</td>
// RUN: not grep -E 'class="event (race|report)' %t.dom
