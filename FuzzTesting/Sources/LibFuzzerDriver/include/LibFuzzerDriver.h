#ifndef LIBFUZZER_DRIVER_H
#define LIBFUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt `FuzzerDriver.cpp`), linked by `-sanitize=fuzzer`.
///
/// SwiftPM links executables written in Swift with `main` defined as the module's own entry
/// point, so libFuzzer's `main` is never pulled in; the targets call this instead, with the same
/// command line and their test function.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test)(const uint8_t *data, size_t size));

#endif
