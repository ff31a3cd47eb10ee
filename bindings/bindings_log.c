/* Kiln bindings logging: a small printf-like formatter, log levels. */
#include "bindings.h"

#include <stdbool.h>

/* Output cursor: counts every character, stores those that fit (plus NUL). */
struct out {
    char *buf;
    size_t size;
    size_t len;
};

/* One parsed conversion specification. */
struct spec {
    bool left;        /* '-' flag */
    bool zero;        /* '0' flag */
    size_t width;     /* minimum field width */
    size_t precision; /* %s only: maximum characters printed */
    int length;       /* -2 hh, -1 h, 0 none, 1 l, 2 ll, 3 z */
};

static enum log_level current_level = LOG_INFO;

static void out_char(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void out_repeat(struct out *o, char c, size_t n)
{
    while (n--)
        out_char(o, c);
}

static void out_chars(struct out *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out_char(o, s[i]);
}

/* Emits prefix and body padded to the field width the spec asks for. */
static void out_field(struct out *o, const struct spec *s, const char *prefix,
                      const char *body, size_t len)
{
    size_t plen = strlen(prefix);
    size_t pad = s->width > plen + len ? s->width - plen - len : 0;

    if (!s->left && !s->zero)
        out_repeat(o, ' ', pad);
    out_chars(o, prefix, plen);
    if (!s->left && s->zero)
        out_repeat(o, '0', pad);
    out_chars(o, body, len);
    if (s->left)
        out_repeat(o, ' ', pad);
}

static void out_number(struct out *o, const struct spec *s, const char *prefix,
                       uint64_t v, unsigned base, bool upper)
{
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char rev[24], digits[24];
    size_t n = 0;

    do {
        rev[n++] = set[v % base];
        v /= base;
    } while (v != 0);
    for (size_t i = 0; i < n; i++)
        digits[i] = rev[n - 1 - i];
    out_field(o, s, prefix, digits, n);
}

static void out_string(struct out *o, struct spec *s, const char *str)
{
    size_t n = 0;

    if (str == NULL)
        str = "(null)";
    while (n < s->precision && str[n] != '\0')
        n++;
    s->zero = false; /* zero padding means nothing for strings */
    out_field(o, s, "", str, n);
}

/* Parses a decimal number or '*' (taken from args) at *fmt. */
static size_t parse_count(const char **fmt, va_list *args)
{
    size_t n = 0;

    if (**fmt == '*') {
        int v = va_arg(*args, int);
        (*fmt)++;
        return v < 0 ? 0 : (size_t)v;
    }
    while (**fmt >= '0' && **fmt <= '9')
        n = n * 10 + (size_t)(*(*fmt)++ - '0');
    return n;
}

static int parse_length(const char **fmt)
{
    int length = 0;

    if (**fmt == 'z') {
        (*fmt)++;
        return 3;
    }
    for (; **fmt == 'l' && length < 2; (*fmt)++)
        length++;
    for (; **fmt == 'h' && length > -2; (*fmt)++)
        length--;
    return length;
}

/* Parses flags, width, precision and length; leaves *fmt at the conversion. */
static void parse_spec(const char **fmt, va_list *args, struct spec *s)
{
    *s = (struct spec){.precision = (size_t)-1};
    for (;; (*fmt)++) {
        if (**fmt == '-')
            s->left = true;
        else if (**fmt == '0')
            s->zero = true;
        else
            break;
    }
    s->width = parse_count(fmt, args);
    if (**fmt == '.') {
        (*fmt)++;
        s->precision = parse_count(fmt, args);
    }
    s->length = parse_length(fmt);
}

static uint64_t arg_unsigned(va_list *args, int length)
{
    switch (length) {
    case -2:
        return (unsigned char)va_arg(*args, unsigned);
    case -1:
        return (unsigned short)va_arg(*args, unsigned);
    case 0:
        return va_arg(*args, unsigned);
    case 3:
        return va_arg(*args, size_t);
    default:
        return va_arg(*args, unsigned long long);
    }
}

static int64_t arg_signed(va_list *args, int length)
{
    switch (length) {
    case -2:
        return (signed char)va_arg(*args, int);
    case -1:
        return (short)va_arg(*args, int);
    case 0:
        return va_arg(*args, int);
    case 3:
        return (int64_t)va_arg(*args, size_t);
    default:
        return va_arg(*args, long long);
    }
}

static void out_signed(struct out *o, const struct spec *s, int64_t v)
{
    /* Negate in unsigned arithmetic so INT64_MIN survives. */
    uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;

    out_number(o, s, v < 0 ? "-" : "", mag, 10, false);
}

/* Formats one conversion c; unknown conversions are printed verbatim. */
static void out_conversion(struct out *o, struct spec *s, char c, va_list *args)
{
    switch (c) {
    case 'd':
    case 'i':
        out_signed(o, s, arg_signed(args, s->length));
        break;
    case 'u':
        out_number(o, s, "", arg_unsigned(args, s->length), 10, false);
        break;
    case 'x':
    case 'X':
        out_number(o, s, "", arg_unsigned(args, s->length), 16, c == 'X');
        break;
    case 'p':
        out_number(o, s, "0x", (uintptr_t)va_arg(*args, void *), 16, false);
        break;
    case 's':
        out_string(o, s, va_arg(*args, const char *));
        break;
    case 'c':
        out_char(o, (char)va_arg(*args, int));
        break;
    case '%':
        out_char(o, '%');
        break;
    default:
        out_char(o, '%');
        out_char(o, c);
    }
}

/* Formats the directive just after a '%' at *fmt, which it moves past. */
static void out_directive(struct out *o, const char **fmt, va_list *args)
{
    struct spec s;

    parse_spec(fmt, args, &s);
    if (**fmt != '\0')
        out_conversion(o, &s, *(*fmt)++, args);
}

size_t fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = {.buf = buf, .size = size};
    va_list args;

    va_copy(args, ap);
    while (*fmt != '\0') {
        if (*fmt++ == '%')
            out_directive(&o, &fmt, &args);
        else
            out_char(&o, fmt[-1]);
    }
    va_end(args);
    if (size > 0)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return o.len;
}

void log_set_level(enum log_level level)
{
    current_level = level;
}

void log_printf(enum log_level level, const char *fmt, ...)
{
    static const char marker[] = "(truncated)\n";
    char buf[LOG_BUFFER_SIZE];
    va_list ap;
    size_t len;

    /* ERROR is the lowest level there is, so errors always get through. */
    if (level > current_level)
        return;
    va_start(ap, fmt);
    len = fmt_vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (len >= sizeof buf) {
        /* Keep the head of the message and say it was cut. */
        len = sizeof buf - 1;
        memcpy(buf + len - (sizeof marker - 1), marker, sizeof marker);
    }
    platform_puts(buf, len);
}
