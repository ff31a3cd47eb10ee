/* Kiln bindings command line: strips the leading --solo5: options. */
#include "bindings.h"

#include <stdbool.h>

#define OPTION_PREFIX "--solo5:"

static const struct {
    const char *name;
    enum log_level level;
} options[] = {
    {"--solo5:quiet", LOG_ERROR}, {"--solo5:error", LOG_ERROR},
    {"--solo5:warn", LOG_WARN},   {"--solo5:info", LOG_INFO},
    {"--solo5:debug", LOG_DEBUG},
};

static bool is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static const char *skip_space(const char *s)
{
    while (is_space(*s))
        s++;
    return s;
}

static size_t token_len(const char *s)
{
    size_t n = 0;

    while (s[n] != '\0' && !is_space(s[n]))
        n++;
    return n;
}

/* Whether the token s[0..len) is a --solo5: option, known or not. */
static bool is_option(const char *s, size_t len)
{
    size_t plen = sizeof OPTION_PREFIX - 1;

    return len >= plen && strncmp(s, OPTION_PREFIX, plen) == 0;
}

/* The level the whole token s[0..len) names, or -1 if it names none. */
static int option_level(const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        if (strlen(options[i].name) == len &&
            strncmp(options[i].name, s, len) == 0)
            return (int)options[i].level;
    }
    return -1;
}

/*
 * Walks the leading options of p, the last level seen going to *level;
 * warns about the unknown ones if warn. Returns what follows them.
 */
static const char *parse_options(const char *p, enum log_level *level,
                                 bool warn)
{
    /* Options count only at the start: the first other token ends them. */
    for (p = skip_space(p);; p = skip_space(p)) {
        size_t len = token_len(p);
        int l;

        if (!is_option(p, len))
            return p;
        l = option_level(p, len);
        if (l >= 0)
            *level = (enum log_level)l;
        else if (warn)
            log_printf(LOG_WARN,
                       "Solo5: WARNING: unknown option '%.*s' ignored\n",
                       (int)len, p);
        p += len;
    }
}

const char *cmdline_parse(const char *cmdline, enum log_level *level)
{
    const char *rest = parse_options(cmdline, level, false);

    /* Warn only now that the level the options ask for is known. */
    if (*level >= LOG_WARN)
        parse_options(cmdline, level, true);
    return rest;
}
