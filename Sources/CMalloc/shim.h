// glibc's heap controls (mallopt, malloc_trim), which the Glibc module does not import.
// HeapTuning (MonitorIngest) is the only user; ARCHITECTURE.md §4 says why.
#include <malloc.h>
