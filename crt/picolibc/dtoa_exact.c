/* Kiln: picolibc's exact double-to-decimal engine (as glibc's). */
#define _NEED_IO_FLOAT64

#include "dtoa.h"

#include <stdint.h>
#include <string.h>

/*
 * Replaces the ryu engine (dtoa_ryu.c), which rounds from the shortest
 * representation and stops at 17 digits. A double is m * 2^e exactly: its
 * integer part is converted by division by 10^9, its fraction (k = -e bits)
 * one digit at a time by multiplication by 10, and the digit string is
 * rounded once, half to even, at the requested digit. Every double has at
 * most 767 significant digits, so DTOA_DIGITS of them are all there are.
 */

#define MANT_BITS 52
#define EXP_BIAS 1075 /* exponent of the mantissa's lowest bit, negated */
/* 2^1024 as an integer, and 10 * 2^1074 for the fraction: 32-bit words. */
#define WORDS 36
/* Decimal digits of the largest integer part, 2^1024 - 2^971. */
#define INT_DIGITS 309

struct digits {
    char ip[INT_DIGITS + 9]; /* integer part, most significant first */
    int ni, ii;              /* its length, the next one to hand out */
    uint32_t f[WORDS];       /* fraction, f / 2^k */
    int k;
};

/* Divides the big integer w[0..n) by 10^9 in place; returns the remainder. */
static uint32_t div1e9(uint32_t *w, int n)
{
    uint64_t r = 0;

    for (int i = n - 1; i >= 0; i--) {
        uint64_t cur = r << 32 | w[i];

        w[i] = (uint32_t)(cur / 1000000000u);
        r = cur % 1000000000u;
    }
    return (uint32_t)r;
}

static int is_zero(const uint32_t *w, int n)
{
    for (int i = 0; i < n; i++)
        if (w[i])
            return 0;
    return 1;
}

/* Writes the integer w[0..n) (destroyed) in decimal to d->ip. */
static void int_digits(struct digits *d, uint32_t *w, int n)
{
    char rev[INT_DIGITS + 9];
    int len = 0;

    while (!is_zero(w, n)) {
        uint32_t r = div1e9(w, n);

        for (int j = 0; j < 9; j++, r /= 10)
            rev[len++] = (char)('0' + r % 10);
    }
    while (len > 0 && rev[len - 1] == '0')
        len--;
    for (int i = 0; i < len; i++)
        d->ip[i] = rev[len - 1 - i];
    d->ni = len;
}

/* Splits m * 2^e into d's integer part and fraction. */
static void split(struct digits *d, uint64_t m, int e)
{
    uint32_t w[WORDS] = {0};

    memset(d, 0, sizeof *d);
    if (e >= 0) {
        int q = e / 32, b = e % 32;
        uint32_t m0 = (uint32_t)m, m1 = (uint32_t)(m >> 32);

        w[q] = m0 << b;
        w[q + 1] = (b ? m0 >> (32 - b) : 0) | m1 << b;
        w[q + 2] = b ? m1 >> (32 - b) : 0;
        int_digits(d, w, WORDS);
        return;
    }
    d->k = -e;
    if (d->k < 64) {
        uint64_t ip = m >> d->k;

        w[0] = (uint32_t)ip;
        w[1] = (uint32_t)(ip >> 32);
        int_digits(d, w, 2);
        m &= ((uint64_t)1 << d->k) - 1;
    }
    d->f[0] = (uint32_t)m;
    d->f[1] = (uint32_t)(m >> 32);
}

/* The next fraction digits: f *= mul, the part above bit k comes out. */
static uint32_t frac_digits(struct digits *d, uint32_t mul)
{
    int w = d->k / 32, b = d->k % 32, n = w + 2;
    uint64_t c = 0;

    for (int i = 0; i < n; i++) {
        c += (uint64_t)d->f[i] * mul;
        d->f[i] = (uint32_t)c;
        c >>= 32;
    }
    uint64_t top = (uint64_t)d->f[w + 1] << 32 | d->f[w];
    d->f[w] &= b ? (((uint32_t)1 << b) - 1) : 0;
    d->f[w + 1] = 0;
    return (uint32_t)(top >> b);
}

/* Skips the fraction's leading zeros nine at a time; returns how many. */
static int skip_zeros(struct digits *d)
{
    struct digits t;
    int z = 0;

    if (d->ii < d->ni || !d->k)
        return 0;
    for (;;) {
        t = *d;
        if (frac_digits(&t, 1000000000u) != 0)
            return z;
        *d = t;
        z += 9;
    }
}

/* The next digit of the exact expansion (zeros once it ends). */
static int next_digit(struct digits *d)
{
    if (d->ii < d->ni)
        return d->ip[d->ii++] - '0';
    return d->k ? (int)frac_digits(d, 10) : 0;
}

/* Whether any digit after the ones handed out is not zero. */
static int rest_nonzero(const struct digits *d)
{
    for (int i = d->ii; i < d->ni; i++)
        if (d->ip[i] != '0')
            return 1;
    return d->k && !is_zero(d->f, WORDS);
}

/* Rounds out[0..n) up by one unit in its last place; 1 if it became 10^n. */
static int carry(char *out, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        if (out[i] != '9') {
            out[i]++;
            return 0;
        }
        out[i] = '0';
    }
    if (n > 0)
        out[0] = '1';
    return 1;
}

int __dtoa_engine(FLOAT64 x, struct dtoa *dtoa, int max_digits, bool fmode,
                  int max_decimals)
{
    uint64_t bits;
    struct digits d;
    int exp, nd, first, r, n = 0;

    memcpy(&bits, &x, sizeof bits);
    uint64_t mant = bits & (((uint64_t)1 << MANT_BITS) - 1);
    int be = (int)(bits >> MANT_BITS) & 0x7ff;

    dtoa->flags = bits >> 63 ? DTOA_MINUS : 0;
    if (be == 0x7ff) {
        dtoa->flags |= mant ? DTOA_NAN : DTOA_INF;
        return 0;
    }
    if (be == 0 && mant == 0) {
        dtoa->flags |= DTOA_ZERO;
        dtoa->digits[0] = '0';
        dtoa->exp = 0;
        return 1;
    }
    if (be)
        split(&d, mant | (uint64_t)1 << MANT_BITS, be - EXP_BIAS);
    else
        split(&d, mant, 1 - EXP_BIAS);

    /* The first significant digit, and its power of ten. */
    exp = d.ni - 1 - skip_zeros(&d);
    while ((first = next_digit(&d)) == 0)
        exp--;
    nd = max_digits;
    if (fmode && exp + 1 + max_decimals < nd)
        nd = exp + 1 + max_decimals;
    /* fcvt rounding left of the point (max_decimals < 0) keeps one digit. */
    if (fmode && max_decimals < 0 && nd < 1)
        nd = 1;
    if (nd > DTOA_DIGITS)
        nd = DTOA_DIGITS;
    if (nd < 0) {
        dtoa->exp = exp;
        return 0; /* below half the last place: rounds to zero */
    }
    /* out = the nd digits, r = the one after them. */
    r = first;
    for (; n < nd; n++) {
        dtoa->digits[n] = (char)('0' + r);
        r = next_digit(&d);
    }
    if (r > 5 || (r == 5 &&
                  (rest_nonzero(&d) || (n > 0 && (dtoa->digits[n - 1] & 1))))) {
        if (n == 0) {
            dtoa->digits[0] = '1';
            n = 1;
            exp++;
        } else if (carry(dtoa->digits, n)) {
            exp++;
        }
    }
    dtoa->exp = exp;
    return n;
}
