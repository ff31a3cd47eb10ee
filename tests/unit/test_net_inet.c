/* Unit tests of address text and numeric getaddrinfo, against glibc. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <netdb.h>

/* glibc's headers came first: their prototypes keep glibc's names, and the
 * Kiln functions are defined under other names beside them. */
#define inet_pton kiln_inet_pton
#define inet_ntop kiln_inet_ntop
#define inet_aton kiln_inet_aton
#define inet_addr kiln_inet_addr
#define inet_ntoa kiln_inet_ntoa
#define in6addr_any kiln_in6addr_any
#define in6addr_loopback kiln_in6addr_loopback
#define getaddrinfo kiln_getaddrinfo
#define freeaddrinfo kiln_freeaddrinfo
#define gai_strerror kiln_gai_strerror
#define getnameinfo kiln_getnameinfo
#include "../../net/net_inet.c"
#include "../../net/net_netdb.c"
#undef inet_pton
#undef inet_ntop
#undef inet_aton
#undef inet_addr
#undef inet_ntoa
#undef in6addr_any
#undef in6addr_loopback
#undef getaddrinfo
#undef freeaddrinfo
#undef gai_strerror
#undef getnameinfo

static const char *const texts4[] = {
    "0.0.0.0",       "1.2.3.4",   "255.255.255.255", "10.0.0.01", "256.1.1.1",
    "1.2.3",         "1.2.3.4.5", "1..2.3",          "",          " 1.2.3.4",
    "1.2.3.4 ",      "a.b.c.d",   "1.2.3.-4",        "0x1.2.3.4", "127.000.0.1",
    "192.168.1.100", ".1.2.3"};

static const char *const texts6[] = {"::",
                                     "::1",
                                     "1::",
                                     "2001:db8::1",
                                     "2001:0db8:0000:0000:0000:ff00:0042:8329",
                                     "fe80::1:2:3:4",
                                     "::ffff:1.2.3.4",
                                     "::1.2.3.4",
                                     "1:2:3:4:5:6:7:8",
                                     "1:2:3:4:5:6:7:8:9",
                                     "1:2:3:4:5:6:7",
                                     ":::",
                                     "1:::2",
                                     "1::2::3",
                                     "12345::",
                                     "::g",
                                     "1:2:3:4:5:6:1.2.3.4",
                                     "1:2:3:4:5:6:7:1.2.3.4",
                                     "::ffff:1.2.3",
                                     "1:0:0:2:0:0:0:3",
                                     "0:0:1:0:0:0:0:0",
                                     "1:0:1:0:1:0:1:0",
                                     ":1::",
                                     "1:",
                                     "::ffff:0:0",
                                     "0:0:0:0:0:1:0:0",
                                     "abcd:EF01::",
                                     "1::2:",
                                     "::0.0.0.1"};

/* inet_pton agrees with glibc on valid and invalid text of both families. */
static void test_pton(void **state)
{
    char texts[4];

    (void)state;
    for (size_t i = 0; i < sizeof(texts4) / sizeof(texts4[0]); i++) {
        unsigned char a[4] = {0}, b[4] = {0};
        int ra = kiln_inet_pton(AF_INET, texts4[i], a);

        assert_int_equal(ra, inet_pton(AF_INET, texts4[i], b));
        if (ra == 1)
            assert_memory_equal(a, b, 4);
    }
    for (size_t i = 0; i < sizeof(texts6) / sizeof(texts6[0]); i++) {
        unsigned char a[16] = {0}, b[16] = {0};
        int ra = kiln_inet_pton(AF_INET6, texts6[i], a);

        assert_int_equal(ra, inet_pton(AF_INET6, texts6[i], b));
        if (ra == 1)
            assert_memory_equal(a, b, 16);
    }
    errno = 0;
    assert_int_equal(kiln_inet_pton(AF_UNIX, "x", texts), -1);
    assert_int_equal(errno, EAFNOSUPPORT);
}

/* inet_ntop prints what glibc prints, and refuses a short buffer. */
static void test_ntop(void **state)
{
    char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];

    (void)state;
    for (size_t i = 0; i < sizeof(texts6) / sizeof(texts6[0]); i++) {
        unsigned char bin[16];

        if (inet_pton(AF_INET6, texts6[i], bin) != 1)
            continue;
        assert_non_null(kiln_inet_ntop(AF_INET6, bin, a, sizeof(a)));
        assert_string_equal(a, inet_ntop(AF_INET6, bin, b, sizeof(b)));
    }
    for (size_t i = 0; i < sizeof(texts4) / sizeof(texts4[0]); i++) {
        unsigned char bin[4];

        if (inet_pton(AF_INET, texts4[i], bin) != 1)
            continue;
        assert_non_null(kiln_inet_ntop(AF_INET, bin, a, sizeof(a)));
        assert_string_equal(a, inet_ntop(AF_INET, bin, b, sizeof(b)));
    }
    errno = 0;
    assert_null(kiln_inet_ntop(AF_INET, "\xff\xff\xff\xff", a, 15));
    assert_int_equal(errno, ENOSPC);
    assert_non_null(kiln_inet_ntop(AF_INET, "\xff\xff\xff\xff", a, 16));
}

/* The classic forms (a, a.b, a.b.c, octal, hex) as glibc reads them. */
static void test_aton(void **state)
{
    static const char *const texts[] = {
        "1.2.3.4",    "1",          "1.2",
        "1.2.3",      "0x7f.1",     "0177.0.0.1",
        "4294967295", "4294967296", "1.16777215",
        "1.16777216", "1.2.65535",  "1.2.65536",
        "256.1",      "08",         "0x",
        "1.2.3.4.5",  "",           "1.2.3.4 trailing",
        "0xffffffff", "1..2",       "1.2."};

    (void)state;
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        struct in_addr a = {0}, b = {0};
        int ra = kiln_inet_aton(texts[i], &a);

        assert_int_equal(ra, inet_aton(texts[i], &b));
        if (ra)
            assert_int_equal(a.s_addr, b.s_addr);
        assert_int_equal(kiln_inet_addr(texts[i]), inet_addr(texts[i]));
    }
    assert_string_equal(kiln_inet_ntoa((struct in_addr){htonl(0x0a000201)}),
                        "10.0.2.1");
}

/* Numeric getaddrinfo gives glibc's address, port, family and type. */
static void test_getaddrinfo(void **state)
{
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *r, *g;

    (void)state;
    assert_int_equal(kiln_getaddrinfo("10.1.2.3", "8080", &hints, &r), 0);
    assert_int_equal(getaddrinfo("10.1.2.3", "8080", &hints, &g), 0);
    assert_int_equal(r->ai_family, g->ai_family);
    assert_int_equal(r->ai_socktype, g->ai_socktype);
    assert_int_equal(r->ai_protocol, g->ai_protocol);
    assert_int_equal(r->ai_addrlen, g->ai_addrlen);
    assert_memory_equal(r->ai_addr, g->ai_addr, g->ai_addrlen);
    assert_null(r->ai_next);
    kiln_freeaddrinfo(r);
    freeaddrinfo(g);

    hints = (struct addrinfo){.ai_flags = AI_PASSIVE, .ai_family = AF_INET};
    assert_int_equal(kiln_getaddrinfo(NULL, "80", &hints, &r), 0);
    assert_int_equal(r->ai_socktype, SOCK_STREAM);
    assert_int_equal(r->ai_next->ai_socktype, SOCK_DGRAM);
    assert_int_equal(((struct sockaddr_in *)r->ai_addr)->sin_addr.s_addr, 0);
    assert_int_equal(((struct sockaddr_in *)r->ai_addr)->sin_port, htons(80));
    kiln_freeaddrinfo(r);

    hints = (struct addrinfo){.ai_flags = AI_CANONNAME};
    assert_int_equal(kiln_getaddrinfo("::1", NULL, &hints, &r), 0);
    assert_int_equal(r->ai_family, AF_INET6);
    assert_string_equal(r->ai_canonname, "::1");
    kiln_freeaddrinfo(r);

    hints = (struct addrinfo){.ai_flags = AI_NUMERICHOST};
    assert_int_equal(kiln_getaddrinfo("example.org", "80", &hints, &r),
                     EAI_NONAME);
    assert_int_equal(kiln_getaddrinfo("1.2.3.4", "http", NULL, &r),
                     EAI_SERVICE);
    assert_int_equal(kiln_getaddrinfo("1.2.3.4", "70000", NULL, &r),
                     EAI_SERVICE);
    hints = (struct addrinfo){.ai_flags = AI_NUMERICSERV};
    assert_int_equal(kiln_getaddrinfo("1.2.3.4", "http", &hints, &r),
                     EAI_NONAME);
    assert_int_equal(kiln_getaddrinfo(NULL, NULL, NULL, &r), EAI_NONAME);
    hints = (struct addrinfo){.ai_family = AF_UNIX};
    assert_int_equal(kiln_getaddrinfo("1.2.3.4", "1", &hints, &r), EAI_FAMILY);
    hints = (struct addrinfo){.ai_socktype = SOCK_RAW};
    assert_int_equal(kiln_getaddrinfo("1.2.3.4", "1", &hints, &r),
                     EAI_SOCKTYPE);
    assert_string_equal(kiln_gai_strerror(EAI_NONAME),
                        gai_strerror(EAI_NONAME));
}

/* getnameinfo prints numeric host and port, and reports short buffers. */
static void test_getnameinfo(void **state)
{
    struct sockaddr_in in = {.sin_family = AF_INET, .sin_port = htons(443)};
    char host[NI_MAXHOST], serv[NI_MAXSERV];

    (void)state;
    in.sin_addr.s_addr = htonl(0xc0a80001);
    assert_int_equal(kiln_getnameinfo((struct sockaddr *)&in, sizeof(in), host,
                                      sizeof(host), serv, sizeof(serv),
                                      NI_NUMERICHOST | NI_NUMERICSERV),
                     0);
    assert_string_equal(host, "192.168.0.1");
    assert_string_equal(serv, "443");
    assert_int_equal(kiln_getnameinfo((struct sockaddr *)&in, sizeof(in), host,
                                      4, NULL, 0, NI_NUMERICHOST),
                     EAI_OVERFLOW);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pton),        cmocka_unit_test(test_ntop),
        cmocka_unit_test(test_aton),        cmocka_unit_test(test_getaddrinfo),
        cmocka_unit_test(test_getnameinfo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
