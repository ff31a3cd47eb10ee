/* Finds where a value starts in JSON text: jansson keeps no value positions. */
#include <stdbool.h>
#include <string.h>

#include "elftool.h"

/*
 * A cursor over the text. The scanner is meant for text jansson already
 * accepted, but it must stay safe on anything: every loop either consumes
 * a byte or stops, and nothing reads past end.
 */
struct scan {
    const char *p, *end;
    unsigned line;
};

static void skip_ws(struct scan *s)
{
    for (; s->p < s->end; s->p++) {
        if (*s->p == '\n')
            s->line++;
        else if (*s->p != ' ' && *s->p != '\t' && *s->p != '\r')
            return;
    }
}

/* Skips the string at s->p (which is '"'); its raw bytes go to raw and n. */
static void skip_string(struct scan *s, const char **raw, size_t *n)
{
    const char *start = ++s->p;

    while (s->p < s->end && *s->p != '"') {
        if (*s->p == '\\' && s->p + 1 < s->end)
            s->p++;
        s->p++;
    }
    *raw = start;
    *n = (size_t)(s->p - start);
    if (s->p < s->end)
        s->p++;
}

/* Skips a number or literal: everything up to the next delimiter. */
static void skip_scalar(struct scan *s)
{
    do
        s->p++;
    while (s->p < s->end && strchr(" \t\r\n,:[]{}\"", *s->p) == NULL);
}

/* Skips one whole value, nested or not, without recursion. */
static void skip_value(struct scan *s)
{
    unsigned depth = 0;
    const char *raw;
    size_t n;

    do {
        skip_ws(s);
        if (s->p >= s->end)
            return;
        if (*s->p == '"') {
            skip_string(s, &raw, &n);
        } else if (*s->p == '{' || *s->p == '[') {
            depth++;
            s->p++;
        } else if (*s->p == '}' || *s->p == ']' || *s->p == ',' ||
                   *s->p == ':') {
            if (depth == 0)
                return; /* belongs to the enclosing value */
            depth -= (*s->p == '}' || *s->p == ']');
            s->p++;
        } else {
            skip_scalar(s);
        }
    } while (depth > 0);
}

/* After a member or element: true if a ',' announces another one. */
static bool next_item(struct scan *s)
{
    skip_ws(s);
    if (s->p >= s->end || *s->p != ',')
        return false;
    s->p++;
    return true;
}

/*
 * Moves from the '{' at s->p to the value of member key. Keys are compared
 * raw, so a key written with escapes is not found (the caller then reports
 * the object's own line).
 */
static bool enter_member(struct scan *s, const char *key)
{
    const char *raw;
    size_t n;

    s->p++;
    do {
        skip_ws(s);
        if (s->p >= s->end || *s->p != '"')
            return false;
        skip_string(s, &raw, &n);
        skip_ws(s);
        if (s->p >= s->end || *s->p != ':')
            return false;
        s->p++;
        if (n == strlen(key) && memcmp(raw, key, n) == 0)
            return true;
        skip_value(s);
    } while (next_item(s));
    return false;
}

/* Moves from the '[' at s->p to element index. */
static bool enter_element(struct scan *s, size_t index)
{
    s->p++;
    skip_ws(s);
    if (s->p < s->end && *s->p == ']')
        return false;
    for (size_t i = 0; i < index; i++) {
        skip_value(s);
        if (!next_item(s))
            return false;
    }
    return true;
}

/* Recursion depth is the path depth, which callers keep small. */
static unsigned find(struct scan *s, const struct json_step *path, size_t depth)
{
    unsigned line;
    bool found;

    skip_ws(s);
    line = s->line;
    if (depth == 0 || s->p >= s->end)
        return line;
    if (*s->p == '{' && path->key != NULL)
        found = enter_member(s, path->key);
    else if (*s->p == '[' && path->key == NULL)
        found = enter_element(s, path->index);
    else
        found = false;
    return found ? find(s, path + 1, depth - 1) : line;
}

unsigned elftool_json_line(const char *text, size_t len,
                           const struct json_step *path, size_t depth)
{
    struct scan s = {.p = text, .end = text + len, .line = 1};

    skip_ws(&s);
    if (s.p >= s.end)
        return 0;
    return find(&s, path, depth);
}
