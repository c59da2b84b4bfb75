// Crashes at once, except when its schedule is being recorded
// (WEFT_OPTIONS has schedule_out=): then it spins forever. So the failing
// run ends, and the replay that would save its schedule never does.
#include <stdlib.h>
#include <string.h>

volatile int Stop;

int main(void) {
  const char *Options = getenv("WEFT_OPTIONS");
  if (Options && strstr(Options, "schedule_out="))
    while (!Stop) {
    }
  abort();
}
