// The letter mask of a summary and the CSV scanner's comma and quote bits (ARCHITECTURE.md §1,
// §4): AVX2 when the processor has it, a portable path otherwise. Tests compare both paths with
// the Swift references on random and hostile bytes.
#include "CByteScan.h"
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// Base letters of U+00C0–U+00FF, then of U+0100–U+017F, lower-cased; '*' marks signs and
// ligatures, which count as other characters. The same letters as LetterFold's tables (a test
// compares every code point).
static const char latin_base[] =
    "aaaaaaaceeeeiiiidnooooo*ouuuuy*saaaaaaaceeeeiiiidnooooo*ouuuuy*y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
_Static_assert(sizeof(latin_base) == 0x180 - 0xC0 + 1, "one letter per code point U+00C0-U+017F");

#define OTHER_BIT (1U << 31)

// The bit of one printable ASCII byte.
static inline uint32_t ascii_bit(uint8_t b) {
    uint8_t letter = (uint8_t)((b | 0x20) - 'a');
    if (letter < 26) return 1U << letter;
    uint8_t digit = (uint8_t)(b - '0');
    if (digit < 10) return 1U << (26 + digit / 2);
    return OTHER_BIT;
}

// The bit of the two-byte character `lead`, `next`; 0 when it is not one of U+00A0–U+02FF.
static inline uint32_t two_byte_bit(uint8_t lead, uint8_t next) {
    if (lead < 0xC2 || lead > 0xCB || (next & 0xC0) != 0x80) return 0;
    uint32_t code = (uint32_t)(lead & 0x1F) << 6 | (next & 0x3F);
    if (code < 0xA0) return 0; // C1 controls
    if (code < 0xC0 || code >= 0x180 || latin_base[code - 0xC0] == '*') return OTHER_BIT;
    return 1U << (latin_base[code - 0xC0] - 'a');
}

uint64_t cbs_plain_text_letters_scalar(const void *bytes, size_t n) {
    const uint8_t *p = (const uint8_t *)bytes;
    uint32_t mask = 0;
    uint64_t ascii = 1;
    size_t i = 0;
    while (i < n) {
        uint8_t b = p[i];
        if ((uint8_t)(b - 0x20) < 0x5F) {
            mask |= ascii_bit(b);
            i += 1;
            continue;
        }
        uint32_t bit = n - i >= 2 ? two_byte_bit(b, p[i + 1]) : 0;
        if (bit == 0) return CBS_NOT_PLAIN;
        mask |= bit;
        ascii = 0;
        i += 2;
    }
    return mask | ascii << 32;
}

#if defined(__x86_64__)

// Reads the bytes at the positions set in `odd` (from `at`), which are not printable ASCII:
// each must open a two-byte character U+00A0–U+02FF or be the second byte of the one before
// (`*skip` is past the last character read). 0 when one is anything else.
static inline int walk_others(const uint8_t *p, size_t n, size_t at, uint32_t odd, size_t *skip,
                              uint32_t *mask) {
    while (odd != 0) {
        size_t k = at + (size_t)__builtin_ctz(odd);
        odd &= odd - 1;
        if (k < *skip) continue;
        uint32_t bit = n - k >= 2 ? two_byte_bit(p[k], p[k + 1]) : 0;
        if (bit == 0) return 0;
        *mask |= bit;
        *skip = k + 2;
    }
    return 1;
}

// The number of each byte's bit, for printable bytes (anything for others): a letter's place in
// the alphabet once lower-cased; else, by the byte's two halves, 26 + half a digit (high half 3,
// low half up to 9) or 31 (the larger of the two halves' look-ups).
__attribute__((target("avx2")))
static inline __m256i bit_numbers(__m256i v) {
    const __m256i by_low = _mm256_setr_epi8(26, 26, 27, 27, 28, 28, 29, 29, 30, 30, 31, 31, 31, 31, 31, 31,
                                            26, 26, 27, 27, 28, 28, 29, 29, 30, 30, 31, 31, 31, 31, 31, 31);
    const __m256i by_high = _mm256_setr_epi8(31, 31, 31, 0, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31,
                                             31, 31, 31, 0, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31);
    __m256i letter = _mm256_sub_epi8(_mm256_or_si256(v, _mm256_set1_epi8(0x20)), _mm256_set1_epi8('a'));
    __m256i is_letter = _mm256_cmpeq_epi8(_mm256_min_epu8(letter, _mm256_set1_epi8(25)), letter);
    __m256i high = _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F));
    // vpshufb reads the low half of each index byte (the top bit of a printable byte is clear).
    __m256i other = _mm256_max_epu8(_mm256_shuffle_epi8(by_low, v), _mm256_shuffle_epi8(by_high, high));
    return _mm256_blendv_epi8(other, letter, is_letter);
}

// 32 bytes a step. Each printable byte's bit number (0–31) is turned into its bit within its byte
// of the mask by two 16-entry look-ups (`vpshufb`, numbers 0–15 and 16–31), ORed into one
// accumulator per byte of the mask. A byte that does not count gets number 0xFF, which both
// look-ups turn into 0. The other bytes, rare, are read one by one through their positions' bits.
#define CBS_ACCUMULATE(number)                                                                  \
    do {                                                                                        \
        /* vpshufb gives 0 where an index byte has its top bit set: numbers 0–15 are looked up  \
           as 0x70–0x7F (16 and above saturate past 0x80), 16–31 as 0–15 (below 16 wrap). */    \
        __m256i low_index = _mm256_adds_epu8((number), _mm256_set1_epi8(0x70));                 \
        __m256i high_index = _mm256_sub_epi8((number), _mm256_set1_epi8(16));                   \
        acc0 = _mm256_or_si256(acc0, _mm256_shuffle_epi8(low_bits, low_index));                 \
        acc1 = _mm256_or_si256(acc1, _mm256_shuffle_epi8(high_bits, low_index));                \
        acc2 = _mm256_or_si256(acc2, _mm256_shuffle_epi8(low_bits, high_index));                \
        acc3 = _mm256_or_si256(acc3, _mm256_shuffle_epi8(high_bits, high_index));               \
    } while (0)

__attribute__((target("avx2")))
static uint64_t letters_avx2(const uint8_t *p, size_t n) {
    const __m256i ones = _mm256_set1_epi8(-1);
    const __m256i iota = _mm256_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                                          16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
    // Entry k: the bit of number k (low table) or k + 8 (high table) within its byte of the mask.
    const __m256i low_bits = _mm256_setr_epi8(1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0,
                                              1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m256i high_bits = _mm256_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, -128,
                                               0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, -128);
    __m256i acc0 = _mm256_setzero_si256(), acc1 = acc0, acc2 = acc0, acc3 = acc0;
    uint32_t mask = 0;
    size_t skip = 0; // positions below it were read already, as the second byte of a character
    size_t i = 0;
    for (; n - i >= 32; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
        // Printable: above 0x1F as a signed byte (which leaves out 0x80–0xFF), and not DEL.
        __m256i printable = _mm256_andnot_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x7F)),
                                                _mm256_cmpgt_epi8(v, _mm256_set1_epi8(0x1F)));
        uint32_t odd = ~(uint32_t)_mm256_movemask_epi8(printable);
        __m256i number = bit_numbers(v);
        if (odd != 0) {
            if (!walk_others(p, n, i, odd, &skip, &mask)) return CBS_NOT_PLAIN;
            number = _mm256_or_si256(number, _mm256_xor_si256(printable, ones));
        }
        CBS_ACCUMULATE(number);
    }
    if (i < n) {
        __m256i v, keep;
        size_t at;
        uint8_t tail[32];
        if (n >= 32) {
            // The last 32 bytes, overlapping what was read: only positions from i count.
            at = n - 32;
            v = _mm256_loadu_si256((const __m256i *)(p + at));
            keep = _mm256_cmpgt_epi8(iota, _mm256_set1_epi8((char)(i - at - 1)));
        } else {
            // Shorter than a step: a copy, so that nothing past the text is read.
            memset(tail, 0, sizeof tail);
            memcpy(tail, p, n);
            at = 0;
            v = _mm256_loadu_si256((const __m256i *)tail);
            keep = _mm256_cmpgt_epi8(_mm256_set1_epi8((char)n), iota);
        }
        __m256i printable = _mm256_andnot_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x7F)),
                                                _mm256_cmpgt_epi8(v, _mm256_set1_epi8(0x1F)));
        __m256i counted = _mm256_and_si256(printable, keep);
        uint32_t odd = (uint32_t)_mm256_movemask_epi8(_mm256_andnot_si256(printable, keep));
        if (odd != 0 && !walk_others(p, n, at, odd, &skip, &mask)) return CBS_NOT_PLAIN;
        __m256i number = _mm256_or_si256(bit_numbers(v), _mm256_xor_si256(counted, ones));
        CBS_ACCUMULATE(number);
    }
    // All ASCII when no byte was another: `skip` moves past each two-byte character.
    uint64_t ascii = skip == 0;
    // OR each accumulator's 32 bytes into one byte of the mask, all four at once: interleaving
    // bytes, then pairs, puts one byte of each accumulator in every 32-bit lane (acc0 lowest),
    // and the eight lanes are ORed together.
    __m256i a01 = _mm256_or_si256(_mm256_unpacklo_epi8(acc0, acc1), _mm256_unpackhi_epi8(acc0, acc1));
    __m256i a23 = _mm256_or_si256(_mm256_unpacklo_epi8(acc2, acc3), _mm256_unpackhi_epi8(acc2, acc3));
    __m256i lanes = _mm256_or_si256(_mm256_unpacklo_epi16(a01, a23), _mm256_unpackhi_epi16(a01, a23));
    __m128i four = _mm_or_si128(_mm256_castsi256_si128(lanes), _mm256_extracti128_si256(lanes, 1));
    four = _mm_or_si128(four, _mm_shuffle_epi32(four, _MM_SHUFFLE(1, 0, 3, 2)));
    four = _mm_or_si128(four, _mm_shuffle_epi32(four, _MM_SHUFFLE(2, 3, 0, 1)));
    mask |= (uint32_t)_mm_cvtsi128_si32(four);
    return mask | ascii << 32;
}
#undef CBS_ACCUMULATE

int cbs_has_avx2(void) { return __builtin_cpu_supports("avx2"); }

uint64_t cbs_plain_text_letters_avx2(const void *p, size_t n) {
    return __builtin_cpu_supports("avx2") ? letters_avx2((const uint8_t *)p, n) : cbs_plain_text_letters_scalar(p, n);
}

#else

int cbs_has_avx2(void) { return 0; }

uint64_t cbs_plain_text_letters_avx2(const void *p, size_t n) { return cbs_plain_text_letters_scalar(p, n); }

#endif

// The processor's features are read once by the C runtime at start-up; this only tests a bit.
uint64_t cbs_plain_text_letters(const void *p, size_t n) { return cbs_plain_text_letters_avx2(p, n); }

// Bit k of `commas` (of `quotes`) is set when byte k of a 64-byte window is a comma (a quote).
typedef struct {
    uint64_t commas;
    uint64_t quotes;
} csv_bits;

// The comma and quote bits of the 64 bytes at `p` (all 64 must be readable), for processors
// without AVX2: SSE2 is part of x86-64, so it needs no run-time check.
static inline csv_bits csv_bits64(const void *bytes) {
    const uint8_t *p = (const uint8_t *)bytes;
    csv_bits out;
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(',');
    const __m128i quote = _mm_set1_epi8('"');
    __m128i a = _mm_loadu_si128((const __m128i *)p);
    __m128i b = _mm_loadu_si128((const __m128i *)(p + 16));
    __m128i c = _mm_loadu_si128((const __m128i *)(p + 32));
    __m128i d = _mm_loadu_si128((const __m128i *)(p + 48));
    out.commas = (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(a, comma))
        | (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(b, comma)) << 16
        | (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(c, comma)) << 32
        | (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(d, comma)) << 48;
    out.quotes = (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(a, quote))
        | (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(b, quote)) << 16
        | (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(c, quote)) << 32
        | (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(d, quote)) << 48;
#else
    out.commas = 0;
    out.quotes = 0;
    for (int k = 0; k < 64; k++) {
        out.commas |= (uint64_t)(p[k] == ',') << k;
        out.quotes |= (uint64_t)(p[k] == '"') << k;
    }
#endif
    return out;
}

// The bits of the last bytes, fewer than 64 readable: a copy, so that nothing past them is read.
static void csv_bits_tail(const uint8_t *p, size_t readable, uint64_t *out) {
    uint8_t copy[64];
    memset(copy, 0, sizeof copy);
    memcpy(copy, p, readable);
    csv_bits bits = csv_bits64(copy);
    out[0] = bits.commas;
    out[1] = bits.quotes;
}

// Clears the bits past `want` in the last pair of words written.
static inline void csv_bits_clear_past(size_t want, uint64_t *out) {
    if (want % 64 == 0) return;
    uint64_t live = (1ULL << (want % 64)) - 1;
    size_t last = (want - 1) / 64;
    out[2 * last] &= live;
    out[2 * last + 1] &= live;
}

void cbs_csv_bits_run_portable(const void *bytes, size_t want, size_t readable, uint64_t *out) {
    const uint8_t *p = (const uint8_t *)bytes;
    size_t k = 0;
    uint64_t *to = out;
    for (; k < want && readable - k >= 64; k += 64, to += 2) {
        csv_bits bits = csv_bits64(p + k);
        to[0] = bits.commas;
        to[1] = bits.quotes;
    }
    if (k < want) csv_bits_tail(p + k, readable - k, to);
    csv_bits_clear_past(want, out);
}

#if defined(__x86_64__)

__attribute__((target("avx2")))
static void csv_bits_avx2(const uint8_t *p, size_t want, size_t readable, uint64_t *out) {
    const __m256i comma = _mm256_set1_epi8(',');
    const __m256i quote = _mm256_set1_epi8('"');
    size_t k = 0;
    uint64_t *to = out;
    for (; k < want && readable - k >= 64; k += 64, to += 2) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(p + k));
        __m256i b = _mm256_loadu_si256((const __m256i *)(p + k + 32));
        to[0] = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, comma))
            | (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, comma)) << 32;
        to[1] = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, quote))
            | (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, quote)) << 32;
    }
    if (k < want) csv_bits_tail(p + k, readable - k, to);
    csv_bits_clear_past(want, out);
}

void cbs_csv_bits_run(const void *p, size_t want, size_t readable, uint64_t *out) {
    if (__builtin_cpu_supports("avx2")) {
        csv_bits_avx2((const uint8_t *)p, want, readable, out);
    } else {
        cbs_csv_bits_run_portable(p, want, readable, out);
    }
}

#else

void cbs_csv_bits_run(const void *p, size_t want, size_t readable, uint64_t *out) {
    cbs_csv_bits_run_portable(p, want, readable, out);
}

#endif
