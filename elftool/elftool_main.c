/* solo5-elftool command line: gen-manifest, query-manifest, query-abi. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "elftool.h"

/* mft_validate's prefix; query-manifest words the failure its own way. */
#define INVALID_PREFIX "Solo5 manifest is invalid: "

static void usage(void)
{
    fprintf(stderr,
            "usage: solo5-elftool COMMAND ...\n"
            "COMMAND is:\n"
            "    gen-manifest SOURCE OUTPUT\n"
            "        Generate application manifest C source from SOURCE\n"
            "        (JSON) into OUTPUT ('-' is stdin or stdout).\n"
            "    query-manifest BINARY\n"
            "        Print the manifest of the unikernel BINARY as JSON.\n"
            "    query-abi BINARY\n"
            "        Print the Solo5 ABI target and version of BINARY.\n"
            "    --version\n"
            "        Print the version of solo5-elftool.\n");
    exit(1);
}

/* path escaped for a message (tender_escape): an error stays one line
 * whatever path holds. Each message shows one path. */
static const char *shown(const char *path)
{
    static char buf[TENDER_ESCAPED_SIZE];

    return tender_escape(path, buf, sizeof buf);
}

/* Exits 1 with "solo5-elftool: PATH: strerror(errno)", PATH escaped. */
static void __attribute__((noreturn)) fail_errno(const char *path)
{
    errx(1, "%s: %s", shown(path), strerror(errno));
}

/* Opens path for reading, as the tenders open theirs (file_open): a FIFO or
 * a device is refused at once, without waiting on it. */
static int open_input(const char *path)
{
    struct kiln_err e;
    int fd = file_open(path, O_RDONLY, false, &e);

    if (fd < 0)
        errx(1, "%s: %s", shown(path), e.msg);
    return fd;
}

/* No manifest source comes near this (63 devices take about 5 KiB); a
 * bound keeps /dev/zero or a huge file from eating memory. */
#define MAX_SOURCE_SIZE (1U << 20)

/*
 * Reads all of f (at most MAX_SOURCE_SIZE bytes) into a malloc'd buffer;
 * NULL with errno set on failure, EFBIG if f holds more.
 */
static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap), *bigger;

    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n > MAX_SOURCE_SIZE) {
            free(buf);
            errno = EFBIG;
            return NULL;
        }
        if (n == cap) {
            cap = cap * 2 > MAX_SOURCE_SIZE ? MAX_SOURCE_SIZE + 1 : cap * 2;
            bigger = realloc(buf, cap);
            if (bigger == NULL)
                free(buf);
            buf = bigger;
        }
    }
    if (buf != NULL && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    *len = n;
    return buf;
}

static char *read_source(const char *source, size_t *len)
{
    FILE *f =
        strcmp(source, "-") == 0 ? stdin : fdopen(open_input(source), "r");
    char *text;

    if (f == NULL)
        fail_errno(source);
    text = read_all(f, len);
    if (text == NULL && errno == EFBIG)
        errx(1, "%s: manifest source is larger than %u bytes",
             f == stdin ? "<stdin>" : shown(source), MAX_SOURCE_SIZE);
    if (text == NULL)
        fail_errno(source);
    if (f != stdin)
        fclose(f);
    return text;
}

/*
 * Writes the C to output. A regular file that could not be written whole is
 * removed so no build picks it up; anything else (a device such as
 * /dev/full, when run as root) must never be unlinked.
 */
static void write_output(const char *output, const struct elftool_manifest *m)
{
    bool is_stdout = strcmp(output, "-") == 0;
    FILE *f = is_stdout ? stdout : fopen(output, "w");
    struct stat st;
    int saved;

    if (f == NULL)
        fail_errno(output);
    if (elftool_write_manifest_c(f, m) == 0 && fflush(f) == 0 &&
        (is_stdout || fclose(f) == 0))
        return;
    saved = errno;
    if (!is_stdout && lstat(output, &st) == 0 && S_ISREG(st.st_mode))
        unlink(output);
    errno = saved;
    fail_errno(output);
}

static void gen_manifest(char **argv)
{
    const char *source = argv[0];
    struct elftool_manifest m;
    struct elftool_diag diag;
    size_t len;
    char *text = read_source(source, &len);

    if (elftool_parse_manifest(text, len, &m, &diag) != 0) {
        fprintf(stderr, "%s:%u: %s\n",
                strcmp(source, "-") == 0 ? "<stdin>" : shown(source), diag.line,
                diag.msg);
        exit(1);
    }
    free(text);
    write_output(argv[1], &m);
}

/* Opens BINARY; a file that is not a well-formed ELF ends here. */
static void open_binary(const char *file, struct elf_file *f)
{
    struct kiln_err e;

    if (elf_open(open_input(file), f, &e) != 0)
        errx(1, "%s: %s", shown(file), e.msg);
}

static void finish_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout))
        errx(1, "error writing to standard output");
}

/* The reason mft_validate gives, without its own wording of the failure. */
static const char *reason(const char *msg)
{
    size_t n = strlen(INVALID_PREFIX);

    return strncmp(msg, INVALID_PREFIX, n) == 0 ? msg + n : msg;
}

static void query_manifest(char **argv)
{
    const char *file = argv[0];
    struct elf_file f;
    static struct mft_store store;
    struct kiln_err e;
    size_t size;
    int rc;

    open_binary(file, &f);
    rc = elf_load_note(&f, SOLO5_NOTE_MFT1, MFT1_NOTE_MAX_SIZE, MFT1_NOTE_ALIGN,
                       store.bytes, &size, &e);
    close(f.fd);

    if (rc < 0)
        errx(1, "%s: %s", shown(file), e.msg);
    if (rc > 0)
        errx(1, "%s: No Solo5 manifest found in executable", shown(file));
    if (mft_validate(mft_of(&store), size, &e) != 0)
        errx(1, "%s: Manifest validation failed: %s", shown(file),
             reason(e.msg));
    elftool_print_manifest(stdout, mft_of(&store));
    finish_stdout();
}

static void query_abi(char **argv)
{
    const char *file = argv[0];
    struct abi1_info info;
    struct elf_file f;
    struct kiln_err e;
    int rc;

    open_binary(file, &f);
    rc = elf_load_abi(&f, &info, &e);
    close(f.fd);

    if (rc < 0)
        errx(1, "%s: %s", shown(file), e.msg);
    if (rc > 0)
        errx(1, "%s: No Solo5 ABI information found in executable",
             shown(file));
    elftool_print_abi(stdout, &info);
    finish_stdout();
}

static void version(char **argv)
{
    (void)argv;
    printf("solo5-elftool, version %s\n", KILN_VERSION);
    finish_stdout();
}

static const struct {
    const char *name;
    int nargs;
    void (*run)(char **argv);
} commands[] = {
    {"gen-manifest", 2, gen_manifest},
    {"query-manifest", 1, query_manifest},
    {"query-abi", 1, query_abi},
    {"--version", 0, version},
};

int main(int argc, char **argv)
{
    if (argc < 2)
        usage();
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        if (argc - 2 != commands[i].nargs)
            usage();
        commands[i].run(argv + 2);
        return 0;
    }
    usage();
}
