// The instrumented shared object of shared_object_race.c: built with
// -race -shared (and clang's default -fPIE, not -fPIC), it carries the
// pass's inline fast paths but not the runtime, whose thread pointer and
// shadow table it reaches through the executable's dynamic symbols
// (initial-exec TLS, GOT).
#include <stdint.h>

static uint64_t shared_counter; // static: PIE code reaches it PC-relative

void bump_shared(void) { shared_counter++; }
