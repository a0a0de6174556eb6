/*
** fuzz.h — shared bits of the libFuzzer targets (tests/fuzz/fuzz_*.c).
**
** Each target defines one entry point, FUZZ_ENTRY, which is
** LLVMFuzzerTestOneInput unless the includer renames it: the replay test
** (tests/c/test_fuzz_replay.c) includes every target into one gcc-built
** program, each under its own name, and feeds it tests/fuzz/regressions/.
**
** FUZZ_CHECK states an invariant of the code under test; a violation
** prints the condition and aborts, which libFuzzer records as a crash.
*/
#ifndef TINSH_FUZZ_H
#define TINSH_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef FUZZ_CHECK /* the replay test counts failures instead */
#define FUZZ_CHECK(c)                                                 \
  do {                                                                \
    if (!(c)) {                                                       \
      fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, \
              __LINE__, #c);                                          \
      abort();                                                        \
    }                                                                 \
  } while (0)
#endif

#endif

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif
