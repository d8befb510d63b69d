// Byte scans that Swift cannot vectorise on the x86-64 baseline (its portable SIMD types become
// scalar code there): the letter mask of a summary and the comma and quote bits the CSV scanner
// walks. ARCHITECTURE.md §1 says why this is C and how the AVX2 path is chosen; §4 how the CSV
// scanner uses the bits. Checked against the Swift reference implementations by fuzz tests.
#ifndef SITMON_CBYTESCAN_H
#define SITMON_CBYTESCAN_H

#include <stddef.h>
#include <stdint.h>

/// `cbs_plain_text_letters` answers this when the text is not plain (see below).
#define CBS_NOT_PLAIN (1ULL << 63)

/// The letter mask of `n` bytes at `p` (`LetterFold.bit` of each folded character: a–z one bit
/// each, digits in pairs at bits 26–30, anything else bit 31; U+00C0–U+017F letters count as
/// their base letter) in bits 0–31, and in bit 32 whether all of them are ASCII; or
/// `CBS_NOT_PLAIN` when the text holds anything but printable ASCII (0x20–0x7E) and two-byte
/// characters U+00A0–U+02FF. Uses AVX2 when the processor has it.
uint64_t cbs_plain_text_letters(const void *p, size_t n);

/// The same, one byte at a time: the path of processors without AVX2.
uint64_t cbs_plain_text_letters_scalar(const void *p, size_t n);

/// The same through AVX2 when the processor has it; otherwise the scalar path. For tests,
/// which must try both paths whatever the dispatcher picks.
uint64_t cbs_plain_text_letters_avx2(const void *p, size_t n);

/// Whether this processor runs the AVX2 path.
int cbs_has_avx2(void);

/// The comma and quote bits of the `want` bytes at `p`, two words per 64 bytes: word 2k holds the
/// commas, word 2k + 1 the quotes of bytes 64k to 64k + 63 (bit j for byte 64k + j); bits past
/// `want` are 0. `readable` bytes from `p` (at least `want`) may be read. AVX2 when the processor
/// has it: one call for many windows, so that the run-time check and the call cost little each.
void cbs_csv_bits_run(const void *p, size_t want, size_t readable, uint64_t *out);

/// The same, without AVX2 (for tests, which must try both paths).
void cbs_csv_bits_run_portable(const void *p, size_t want, size_t readable, uint64_t *out);

#endif
