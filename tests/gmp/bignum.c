/* N!, Fibonacci(N) and pi to D digits with GMP, checked on the host. */
#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>

/* x = scale * atan(1/k), by its series, in fixed point (truncated terms). */
static void atan_inv(mpz_t x, unsigned long k, const mpz_t scale)
{
    mpz_t power, term;
    unsigned long n;

    mpz_init(power);
    mpz_init(term);
    mpz_tdiv_q_ui(power, scale, k); /* scale / k^(2n+1) */
    mpz_set(x, power);
    for (n = 1; mpz_sgn(power) != 0; n++) {
        mpz_tdiv_q_ui(power, power, k * k);
        mpz_tdiv_q_ui(term, power, 2 * n + 1);
        if (n % 2)
            mpz_sub(x, x, term);
        else
            mpz_add(x, x, term);
    }
    mpz_clear(power);
    mpz_clear(term);
}

/* pi's first digits digits after the point: Machin's formula, 10 guard digits.
 */
static void print_pi(unsigned long digits)
{
    mpz_t scale, a, b;

    mpz_inits(scale, a, b, NULL);
    mpz_ui_pow_ui(scale, 10, digits + 10);
    atan_inv(a, 5, scale);
    atan_inv(b, 239, scale);
    mpz_mul_ui(a, a, 16);
    mpz_submul_ui(a, b, 4);
    mpz_tdiv_q_ui(a, a, 10000000000UL);
    gmp_printf("pi(%lu) = %Zd\n", digits, a);
    mpz_clears(scale, a, b, NULL);
}

/* N! twice, by mpz_fac_ui and by a product, which must agree. */
static int print_factorial(unsigned long n)
{
    mpz_t f, p;
    int same;

    mpz_inits(f, p, NULL);
    mpz_fac_ui(f, n);
    mpz_set_ui(p, 1);
    for (unsigned long i = 2; i <= n; i++)
        mpz_mul_ui(p, p, i);
    same = mpz_cmp(f, p) == 0;
    gmp_printf("fact(%lu) = %Zd\n", n, f);
    mpz_clears(f, p, NULL);
    return same;
}

int main(int argc, char **argv)
{
    unsigned long n, digits;
    mpz_t fib;

    if (argc != 3) {
        fprintf(stderr, "usage: bignum N DIGITS\n");
        return 2;
    }
    n = strtoul(argv[1], NULL, 10);
    digits = strtoul(argv[2], NULL, 10);
    printf("gmp %s, %d-bit limbs\n", gmp_version, mp_bits_per_limb);
    if (!print_factorial(n)) {
        printf("mpz_fac_ui and the product differ\n");
        return 1;
    }
    mpz_init(fib);
    mpz_fib_ui(fib, n);
    gmp_printf("fib(%lu) = %Zd\n", n, fib);
    mpz_clear(fib);
    print_pi(digits);
    return 0;
}
