/* Kiln bindings command line: strips the leading --solo5: options. */
#include "bindings.h"

#include <stdbool.h>

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
 * Strips the leading options (spec 1.12): the first token that is not one of
 * them, a misspelt --solo5: one included, ends them and stays in the command
 * line. The last level named goes to *level.
 */
const char *cmdline_parse(const char *cmdline, enum log_level *level)
{
    for (const char *p = skip_space(cmdline);; p = skip_space(p)) {
        size_t len = token_len(p);
        int l = option_level(p, len);

        if (l < 0)
            return p;
        *level = (enum log_level)l;
        p += len;
    }
}
