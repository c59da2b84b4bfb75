// The instrumented shared object of shared_object_race.c: built with
// -race -shared -fPIC, it carries the pass's inline access checks but not
// the runtime, whose thread pointer and shadow table it reaches through the
// executable's dynamic symbols (initial-exec TLS, GOT).
#include <stdint.h>

uint64_t shared_counter;

void bump_shared(void) { shared_counter++; }
