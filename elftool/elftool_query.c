/* query-manifest and query-abi output: the exact JSON the reference prints. */
#include "common.h"
#include "elftool.h"

const char *elftool_abi_target_name(uint32_t target)
{
    switch (target) {
    case ABI1_TARGET_HVT:
        return "hvt";
    case ABI1_TARGET_SPT:
        return "spt";
    case ABI1_TARGET_VIRTIO:
        return "virtio";
    case ABI1_TARGET_MUEN:
        return "muen";
    case ABI1_TARGET_GENODE:
        return "genode";
    case ABI1_TARGET_XEN:
        return "xen";
    default:
        return "unknown";
    }
}

/*
 * Validation does not restrict the bytes of names in a binary, so escape
 * what JSON cannot hold raw (bytes above 0x7e may not be UTF-8); valid
 * names print unchanged.
 */
static void print_json_string(FILE *out, const char *s)
{
    putc('"', out);
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            fprintf(out, "\\u%04x", c);
        else
            putc(c, out);
    }
    putc('"', out);
}

int elftool_print_manifest(FILE *out, const struct mft *mft)
{
    fputs("{\n  \"type\": \"solo5.manifest\",\n  \"version\": 1,\n"
          "  \"devices\": [\n",
          out);
    /* Entry 0 is the reserved entry, not a device. */
    for (uint32_t i = 1; i < mft->entries; i++) {
        fputs("    { \"name\": ", out);
        print_json_string(out, mft->e[i].name);
        fprintf(out, ", \"type\": \"%s\" }%s\n",
                mft_type_to_string(mft->e[i].type),
                i + 1 < mft->entries ? "," : "");
    }
    fputs("  ]\n}\n", out);
    return ferror(out) ? -1 : 0;
}

int elftool_print_abi(FILE *out, const struct abi1_info *info)
{
    fprintf(out,
            "{\n  \"type\": \"solo5.abi\",\n  \"target\": \"%s\",\n"
            "  \"version\": %u\n}\n",
            elftool_abi_target_name(info->abi_target), info->abi_version);
    return ferror(out) ? -1 : 0;
}
