// glibc's heap controls (mallopt, malloc_trim) and its version, which the Glibc module does not
// import. HeapTuning and HugePageRelaunch (MonitorIngest) are the only users; ARCHITECTURE.md §4
// says why.
#include <malloc.h>
#include <gnu/libc-version.h>
