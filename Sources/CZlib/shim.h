// zlib for sitmon's compressed event files (ARCHITECTURE.md §1). `inflateInit2` is a macro, which
// Swift cannot call: this inline function stands in for it.
#include <zlib.h>

// Window bits 15 + 32: zlib recognises a gzip or a zlib header by itself.
static inline int czlib_inflate_init(z_streamp stream) { return inflateInit2(stream, 15 + 32); }
