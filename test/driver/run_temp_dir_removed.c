// weft run builds under $TMPDIR, names the binary after the source, and
// removes everything it made.
// RUN: rm -rf %t && mkdir -p %t
// RUN: env TMPDIR=%t %weft run %s | FileCheck %s -DTMP=%t
// CHECK: [[TMP]]/weft-run-{{[^/]+}}/run_temp_dir_removed{{$}}
// RUN: ls %t | count 0
#include <stdio.h>
int main(int argc, char **argv) {
  (void)argc;
  puts(argv[0]);
  return 0;
}
