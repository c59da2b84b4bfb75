// A library whose constructor writes before weft's runtime starts: one line
// left in stdout's buffer, one written straight to stderr.
#include <stdio.h>
#include <unistd.h>

__attribute__((constructor)) static void greet(void) {
  fputs("buffered by a library constructor\n", stdout);
  write(2, "written by a library constructor\n", 33);
}
