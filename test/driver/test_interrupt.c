// SIGINT or SIGTERM to weft test (Ctrl-C, a cancelled CI job) stops the
// runs in flight but loses nothing that finished: the earliest failure is
// reported with its reproduce line, then the summary, and --json and
// --junit describe the schedules that finished; the exit status is 130 or
// 143. Schedule 0x910a2dec89025cc1 (the first of --seed 1) never ends;
// every other one races.
// RUN: %weft-cc %s -o %t
//
// Two jobs: the first schedule hangs, and the second's race
// is finished but cannot be reported before it; SIGINT reports it.
// Race-directed rounds would start the second schedule only after the first
// ended; this test needs the two to run at once (--no-directed-points).
// RUN: rm -f %t.pid %t.json %t.xml
// RUN: env WEFT_TEST_WAIT_PID_FILE=%t.pid %python %S/Inputs/interrupt_test.py INT "weft test: seed" \
// RUN:   %weft test -n 2 -j 2 --seed 1 --no-directed-points --timeout 0 --json %t.json --junit %t.xml %t 0x910a2dec89025cc1 %t.pid > %t.out
// RUN: FileCheck %s --check-prefix=INT < %t.out
// INT:      weft test: seed 0x1, 2 schedules, 2 at a time
// INT-NEXT: ==================
// INT-NEXT: WARNING: weft: data race
// INT:      SUMMARY: weft: data race {{.*}}test_interrupt.c:[[@LINE+58]]:10 in main
// INT:      weft: failure: data race at {{.*}}test_interrupt.c:[[@LINE+57]]:10 in main with seed 0xbeeb8da1658eec67
// INT-NEXT: weft: reproduce with: {{.*}}weft replay 0xbeeb8da1658eec67 -- {{.*}}
// INT-NEXT: weft test: failures by kind:
// INT-NEXT:   data race at {{.*}}: 1 (seed 0xbeeb8da1658eec67)
// INT-NEXT: weft test: {{[0-9.]+}}s, {{[0-9.]+}} schedules/s
// INT-NEXT: weft test: interrupted by SIGINT: the runs in flight were stopped
// INT-NEXT: weft test: 1 schedules, 1 failed
// INT-NEXT: exit status: 130
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// JSON:      "interrupted": "SIGINT",
// JSON:      "schedules": 1,
// JSON-NEXT: "failed": 1,
// JSON:      "index": 1,
// JSON-NEXT: "seed": "0xbeeb8da1658eec67",
// JSON-NEXT: "kind": "data race",
// RUN: FileCheck %s --check-prefix=JUNIT < %t.xml
// JUNIT:      <testsuite name="weft test {{.*}}" tests="1" failures="1"
// JUNIT:      <property name="schedules" value="1"/>
// JUNIT-NEXT: <property name="interrupted" value="SIGINT"/>
// JUNIT:      <testcase classname="weft.{{.*}}" name="seed 0xbeeb8da1658eec67"
// JUNIT-NEXT:   <failure type="data race"
// JUNIT:      </testsuites>
//
// SIGTERM, one job, --keep-going: the first schedule hangs while nothing
// else has finished: no failure, 0 schedules, files written all the same.
// RUN: rm -f %t.json %t.xml
// RUN: %python %S/Inputs/interrupt_test.py TERM "weft test: seed" \
// RUN:   %weft test -n 3 --seed 1 --no-directed-points --keep-going --timeout 0 --json %t.json --junit %t.xml %t 0x910a2dec89025cc1 > %t.term
// RUN: FileCheck %s --check-prefix=TERM < %t.term
// TERM:      weft test: seed 0x1, 3 schedules, 1 at a time
// TERM-NEXT: weft test: {{[0-9.]+}}s, {{[0-9.]+}} schedules/s
// TERM-NEXT: weft test: interrupted by SIGTERM: the runs in flight were stopped
// TERM-NEXT: weft test: 0 schedules, 0 failed
// TERM-NEXT: exit status: 143
// RUN: %python -c "import json, sys; d = json.load(open(sys.argv[1])); assert d['interrupted'] == 'SIGTERM' and d['schedules'] == 0 and d['failures'] == [], d" %t.json
// RUN: %python -c "import sys, xml.etree.ElementTree as E; s = E.parse(sys.argv[1]).getroot()[0]; assert s.get('failures') == '0', s.attrib" %t.xml

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

volatile int Stop;
int Shared;

static void *writer(void *Arg) {
  Shared = 1;
  return 0;
}

int main(int argc, char **argv) {
  if (strcmp(getenv("WEFT_SEED"), argv[1]) == 0)
    while (!Stop) {
    }
  pthread_t T;
  pthread_create(&T, 0, writer, 0);
  Shared = 2;
  pthread_join(T, 0);
  if (argc > 2) {
    // Tells the test this run is over (it ends right after).
    FILE *F = fopen(argv[2], "w");
    fprintf(F, "%d", (int)getpid());
    fclose(F);
  }
  return 0;
}
