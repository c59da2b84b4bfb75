// The race-free twin of stdio_string_sweep_race.c: the same stdio and
// string calls on the same memory, after the worker is joined. Silent, and
// each call still does its job (its result is printed).
// RUN: %weft-cc -fno-builtin %s -o %t
// RUN: env WEFT_SEED=0x15 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING

#define _GNU_SOURCE
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

char text[64];
char out[64];
char *line;

static void *worker(void *arg) {
  for (int i = 0; i < 40; i++)
    text[i] = 'a' + i % 26;
  const char *buf = arg;
  long sum = 0;
  for (int i = 0; i < 64; i++)
    sum += out[i] + buf[i];
  return (void *)sum;
}

static int call_vprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vprintf(fmt, ap);
  va_end(ap);
  return r;
}

static int call_vsnprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vsnprintf(out, sizeof out, fmt, ap);
  va_end(ap);
  return r;
}

int main(void) {
  line = calloc(64, 1);
  size_t cap = 64;
  FILE *in = fmemopen("a line of input\n", 16, "r");
  pthread_t t;
  pthread_create(&t, NULL, worker, line);
  pthread_join(t, NULL);
  char *s = NULL;
  setvbuf(stdout, NULL, _IONBF, 0); // printf and dprintf output in call order
  puts(text);
  printf("%.3s|%s\n", "abcdef", text);
  fprintf(stdout, "%d %s\n", 1, text);
  dprintf(1, "%5.1f %s\n", 2.5, text);
  call_vprintf("%ld %s\n", 3L, text);
  printf("sprintf %d %s\n", sprintf(out, "%d", 12345), out);
  printf("snprintf %d %s\n", snprintf(out, 4, "%s", "longer than four"), out);
  printf("vsnprintf %d %s\n", call_vsnprintf("%c%c", 'x', 'y'), out);
  printf("asprintf %d %s\n", asprintf(&s, "<%.5s>", text), s);
  free(s);
  printf("getline %zd %s", getline(&line, &cap, in), line);
  printf("strstr %s\n", strstr(text, "xyz"));
  printf("strcasestr %.3s\n", strcasestr(text, "DEF"));
  printf("memmem %.2s\n", (char *)memmem(text, 40, "cd", 2));
  printf("strspn %zu strcspn %zu\n", strspn(text, "abc"), strcspn(text, "e"));
  printf("strpbrk %.1s\n", strpbrk(text, "dq"));
  printf("strcasecmp %d strncasecmp %d\n", strcasecmp(text, "ABCDE") > 0,
         strncasecmp(text, "ABCDEFGH", 8));
  printf("strchrnul %.1s rawmemchr %.1s memrchr %ld\n", strchrnul(text, 'c'),
         (char *)rawmemchr(text, 'f'), (char *)memrchr(text, 'a', 40) - text);
  printf("stpcpy %ld\n", stpcpy(out, "copied") - out);
  printf("stpncpy %ld\n", stpncpy(out, "copied", 16) - out);
  printf("mempcpy %ld\n", (char *)mempcpy(out, "COPIED", 6) - out);
  printf("memccpy %ld %s\n", (char *)memccpy(out, "xxp", 'p', 6) - out, out);
  bzero(out, 8);
  explicit_bzero(out + 8, 8);
  printf("zeroed %d\n", out[0] == 0 && out[15] == 0);
  fclose(in);
  return 0;
}

// CHECK:      abcdefghijklmnopqrstuvwxyzabcdefghijklmn
// CHECK-NEXT: abc|abcdefghijklmnopqrstuvwxyzabcdefghijklmn
// CHECK-NEXT: 1 abcdefghijklmnopqrstuvwxyzabcdefghijklmn
// CHECK-NEXT:   2.5 abcdefghijklmnopqrstuvwxyzabcdefghijklmn
// CHECK-NEXT: 3 abcdefghijklmnopqrstuvwxyzabcdefghijklmn
// CHECK-NEXT: sprintf 5 12345
// CHECK-NEXT: snprintf 16 lon
// CHECK-NEXT: vsnprintf 2 xy
// CHECK-NEXT: asprintf 7 <abcde>
// CHECK-NEXT: getline 16 a line of input
// CHECK-NEXT: strstr xyzabcdefghijklmn
// CHECK-NEXT: strcasestr def
// CHECK-NEXT: memmem cd
// CHECK-NEXT: strspn 3 strcspn 4
// CHECK-NEXT: strpbrk d
// CHECK-NEXT: strcasecmp 1 strncasecmp 0
// CHECK-NEXT: strchrnul c rawmemchr f memrchr 26
// CHECK-NEXT: stpcpy 6
// CHECK-NEXT: stpncpy 6
// CHECK-NEXT: mempcpy 6
// CHECK-NEXT: memccpy 3 xxpIED
// CHECK-NEXT: zeroed 1
