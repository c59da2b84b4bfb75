// Each stdio and string function below reads or writes program memory that
// the pass never sees (a libc call): weft checks the bytes it touches. A
// worker writes `text` and reads `out` with plain accesses and then sets a
// relaxed flag (which orders nothing); main waits for the flag and calls the
// function the argument names on `text` (a read) or into `out` (a write).
// Every call is reported at main's line. Without an argument: puts.
// RUN: %weft-cc -fno-builtin %s -o %t
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,PUTS
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t printf 2>&1 | FileCheck %s --check-prefixes=CHECK,PRINTF
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t fprintf 2>&1 | FileCheck %s --check-prefixes=CHECK,FPRINTF
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t dprintf 2>&1 | FileCheck %s --check-prefixes=CHECK,DPRINTF
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t vprintf 2>&1 | FileCheck %s --check-prefixes=CHECK,VPRINTF
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t sprintf 2>&1 | FileCheck %s --check-prefixes=CHECK,SPRINTF
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t snprintf 2>&1 | FileCheck %s --check-prefixes=CHECK,SNPRINTF
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t vsnprintf 2>&1 | FileCheck %s --check-prefixes=CHECK,VSNPRINTF
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t asprintf 2>&1 | FileCheck %s --check-prefixes=CHECK,ASPRINTF
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t perror 2>&1 | FileCheck %s --check-prefixes=CHECK,PERROR
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t getline 2>&1 | FileCheck %s --check-prefixes=CHECK,GETLINE
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t strstr 2>&1 | FileCheck %s --check-prefixes=CHECK,STRSTR
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t strcasestr 2>&1 | FileCheck %s --check-prefixes=CHECK,STRCASESTR
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t memmem 2>&1 | FileCheck %s --check-prefixes=CHECK,MEMMEM
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t strspn 2>&1 | FileCheck %s --check-prefixes=CHECK,STRSPN
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t strcspn 2>&1 | FileCheck %s --check-prefixes=CHECK,STRCSPN
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t strpbrk 2>&1 | FileCheck %s --check-prefixes=CHECK,STRPBRK
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t strcasecmp 2>&1 | FileCheck %s --check-prefixes=CHECK,STRCASECMP
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t strncasecmp 2>&1 | FileCheck %s --check-prefixes=CHECK,STRNCASECMP
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t strchrnul 2>&1 | FileCheck %s --check-prefixes=CHECK,STRCHRNUL
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t rawmemchr 2>&1 | FileCheck %s --check-prefixes=CHECK,RAWMEMCHR
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t memrchr 2>&1 | FileCheck %s --check-prefixes=CHECK,MEMRCHR
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t stpcpy 2>&1 | FileCheck %s --check-prefixes=CHECK,STPCPY
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t stpncpy 2>&1 | FileCheck %s --check-prefixes=CHECK,STPNCPY
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t mempcpy 2>&1 | FileCheck %s --check-prefixes=CHECK,MEMPCPY
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t memccpy 2>&1 | FileCheck %s --check-prefixes=CHECK,MEMCCPY
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t bzero 2>&1 | FileCheck %s --check-prefixes=CHECK,BZERO
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t explicit_bzero 2>&1 | FileCheck %s --check-prefixes=CHECK,EXPLICIT_BZERO

// The report, then (at each call below) its SUMMARY line:
// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   {{Read|Write}} of size {{[0-9]+}} at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 {{main .*sweep_race.c|call_vsnprintf .*sweep_race.c|(vprintf|getline) .*stdio.h}}
// CHECK:        Previous {{read|write}} of size {{[0-9]+}} at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 worker {{.*}}sweep_race.c
// CHECK:        Location is {{global 'text'|global 'out'|heap block of size 64}}

#define _GNU_SOURCE
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

char text[64];
char out[64];
char *line; // getline's buffer: its bytes are written by getline, read by the worker
static atomic_int done;

static void *worker(void *arg) {
  for (int i = 0; i < 40; i++)
    text[i] = 'a' + i % 26;
  const char *buf = arg; // getline's buffer
  long sum = 0;
  for (int i = 0; i < 64; i++)
    sum += out[i] + buf[i];
  atomic_store_explicit(&done, 1, memory_order_relaxed);
  return (void *)sum;
}

static int call_vprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  // At -O1 glibc's <stdio.h> inlines vprintf as a call of vfprintf, in a
  // frame of its own (/usr/include/.../stdio.h); the SUMMARY skips system
  // headers' frames and names this line.
  // VPRINTF: SUMMARY: weft: data race {{.*}}stdio_string_sweep_race.c:[[@LINE+1]]:{{[0-9]+}} in call_vprintf
  int r = vprintf(fmt, ap);
  va_end(ap);
  return r;
}

static int call_vsnprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vsnprintf(out, sizeof out, fmt, ap); // VSNPRINTF: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  va_end(ap);
  return r;
}

int main(int argc, char **argv) {
  const char *f = argc > 1 ? argv[1] : "puts";
  line = calloc(64, 1);
  size_t cap = 64;
  FILE *in = fmemopen("a line of input\n", 16, "r");
  pthread_t t;
  pthread_create(&t, NULL, worker, line);
  while (!atomic_load_explicit(&done, memory_order_relaxed))
    ;
  char *s = NULL;
  long r = 0;
  if (!strcmp(f, "puts"))
    r = puts(text); // PUTS: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "printf"))
    r = printf("%.3s|%s\n", "abcdef", text); // PRINTF: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "fprintf"))
    r = fprintf(stdout, "%d %s\n", 1, text); // FPRINTF: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "dprintf"))
    r = dprintf(1, "%5.1f %s\n", 2.5, text); // DPRINTF: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "vprintf"))
    r = call_vprintf("%ld %s\n", 3L, text);
  else if (!strcmp(f, "sprintf"))
    r = sprintf(out, "%d", 12345); // SPRINTF: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "snprintf"))
    r = snprintf(out, 4, "%s", "longer than four"); // SNPRINTF: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "vsnprintf"))
    r = call_vsnprintf("%c%c", 'x', 'y');
  else if (!strcmp(f, "asprintf"))
    r = asprintf(&s, "<%s>", text); // ASPRINTF: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "perror"))
    perror(text); // PERROR: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "getline")) // inlined as __getdelim, like vprintf: the header's frame is skipped
    r = getline(&line, &cap, in); // GETLINE: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]:{{[0-9]+}} in main
  else if (!strcmp(f, "strstr"))
    s = strstr(text, "xyz"); // STRSTR: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "strcasestr"))
    s = strcasestr(text, "DEF"); // STRCASESTR: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "memmem"))
    s = memmem(text, 40, "cd", 2); // MEMMEM: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "strspn"))
    r = strspn(text, "abc"); // STRSPN: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "strcspn"))
    r = strcspn(text, "e"); // STRCSPN: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "strpbrk"))
    s = strpbrk(text, "dq"); // STRPBRK: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "strcasecmp"))
    r = strcasecmp(text, "ABCDE"); // STRCASECMP: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "strncasecmp"))
    r = strncasecmp(text, "ABCDEFGH", 8); // STRNCASECMP: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "strchrnul"))
    s = strchrnul(text, 'c'); // STRCHRNUL: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "rawmemchr"))
    s = rawmemchr(text, 'f'); // RAWMEMCHR: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "memrchr"))
    s = memrchr(text, 'a', 40); // MEMRCHR: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "stpcpy"))
    s = stpcpy(out, "copied"); // STPCPY: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "stpncpy"))
    s = stpncpy(out, "copied", 16); // STPNCPY: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "mempcpy"))
    s = mempcpy(out, "copied", 6); // MEMPCPY: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "memccpy"))
    s = memccpy(out, "copied", 'p', 6); // MEMCCPY: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "bzero"))
    bzero(out, 8); // BZERO: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  else if (!strcmp(f, "explicit_bzero"))
    explicit_bzero(out, 8); // EXPLICIT_BZERO: SUMMARY: weft: data race {{.*}}sweep_race.c:[[@LINE]]
  pthread_join(t, NULL);
  fclose(in);
  fprintf(stderr, "result %d\n", r != 12345 || s != (char *)1);
  return 0;
}

// CHECK:      result 1
// CHECK:      weft: reported 1 warning
