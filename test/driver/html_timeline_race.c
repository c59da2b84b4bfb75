// weft replay --html draws the failing schedule as one self-contained HTML
// file, checked in a real browser (headless chromium): a lane per thread,
// the sync operations in order, and the two racing accesses highlighted
// with their source lines; the reproduce line at the top. The screenshot
// is kept next to the test's output (html_timeline_race.c.tmp.png) as an
// artifact. The race-free twin is html_timeline_norace.c.
// REQUIRES: chromium
// RUN: %weft-cc %s -o %t
// RUN: %expect-exit 66 %weft replay 0x3 --html %t.html -- %t > %t.out 2>&1
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// OUT: SUMMARY: weft: data race {{.*}}html_timeline_race.c:[[#@LINE+34]]:{{[0-9]+}} in worker
// OUT: To reproduce: WEFT_SEED=0x3 {{.*}}html_timeline_race.c.tmp{{$}}
// OUT: weft: timeline written to {{.*}}.html
// No network: nothing is loaded from anywhere.
// RUN: not grep -E '(src|href)=' %t.html
// RUN: %chromium --dump-dom file://%t.html 2>/dev/null > %t.dom
// RUN: FileCheck %s --input-file %t.dom
// CHECK: <h1 id="failure">weft: data race at {{.*}}html_timeline_race.c:[[#@LINE+27]]:{{[0-9]+}} in worker</h1>
// CHECK: <pre class="reproduce" id="reproduce">To reproduce: {{.*}}weft replay 0x3 -- {{.*}}html_timeline_race.c.tmp</pre>
// CHECK: <th class="lane" data-thread="T0">T0 (main)</th><th class="lane" data-thread="T1">T1</th><th class="lane" data-thread="T2">T2</th></tr>
// CHECK: data-kind="create">create</td>
// CHECK: data-kind="sync">lock O1</td>
// CHECK: data-kind="sync">unlock O1</td>
// CHECK: <td class="event race current" title="{{(Read|Write)}} of size 4 at {{.*}} by thread T{{[12]}}:
// CHECK-NEXT: #0 worker {{.*}}html_timeline_race.c:[[#@LINE+20]]:{{.*}}">{{(Read|Write)}} of size 4 in worker html_timeline_race.c:[[#@LINE+20]]</td>
// CHECK-SAME: <td class="event race previous" title="Previous {{(read|write)}} of size 4 at {{.*}} by thread T{{[12]}}:
// CHECK: data-kind="sync">join</td>
// RUN: grep -c 'class="event race' %t.dom | FileCheck %s --check-prefix=PAIR
// PAIR: {{^2$}}
// RUN: %chromium --screenshot=%t.png --window-size=1200,900 file://%t.html 2>/dev/null
// RUN: test -s %t.png

#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int guarded, unguarded;

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&lock);
  guarded++;
  pthread_mutex_unlock(&lock);
#ifndef RACE_FREE
  unguarded++;
#endif
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d %d\n", guarded, unguarded);
  return 0;
}
