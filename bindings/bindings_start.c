/* Kiln bindings common start: banner, memory map, heap, app main. */
#include "bindings.h"

#define PAGE_SIZE 0x1000UL
/* Below this much free memory the application cannot even have a stack. */
#define HEAP_MIN 0x80000UL

/* Image boundaries from the linker script. */
extern char _stext[], _etext[], _erodata[], _end[];

static const char *const banner[] = {
    " _  __ _  _        \n",   "| |/ /(_)| | _ __  \n",
    "| ' / | || || '_ \\ \n",  "| . \\ | || || | | |\n",
    "|_|\\_\\|_||_||_| |_|\n",
};

static struct solo5_start_info start_info;

/* Bytes mem_reserve took between the end of the image and the heap. */
static uintptr_t reserved;

static uintptr_t page_round_up(uintptr_t a)
{
    return (a + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

static uintptr_t image_end(void)
{
    return page_round_up((uintptr_t)_end);
}

uintptr_t mem_reserve(size_t size, uint64_t mem_size)
{
    uintptr_t base = image_end() + reserved;
    uintptr_t len = page_round_up(size);

    if (len < size || base > mem_size || mem_size - base < HEAP_MIN ||
        mem_size - base - HEAP_MIN < len)
        return 0;
    reserved += len;
    return base;
}

static void print_banner(void)
{
    for (size_t i = 0; i < sizeof banner / sizeof banner[0]; i++)
        log_printf(LOG_INFO, "%s", banner[i]);
    log_printf(LOG_INFO, "Solo5: Bindings version %s\n", KILN_VERSION);
}

static void print_region(const char *name, uintptr_t start, uintptr_t end)
{
    log_printf(LOG_INFO, "Solo5: %10s @ (0x%lx - 0x%lx)\n", name, start,
               end - 1);
}

static void print_memory_map(uint64_t mem_size, uintptr_t heap)
{
    log_printf(LOG_INFO, "Solo5: Memory map: %lu MB addressable:\n",
               mem_size >> 20);
    print_region("reserved", 0, (uintptr_t)_stext);
    print_region("text", (uintptr_t)_stext, (uintptr_t)_etext);
    print_region("rodata", (uintptr_t)_etext, (uintptr_t)_erodata);
    print_region("data", (uintptr_t)_erodata, image_end());
    if (reserved != 0)
        print_region("bindings", image_end(), heap);
    log_printf(LOG_INFO, "Solo5: %10s >= 0x%lx < stack < 0x%lx\n", "heap", heap,
               mem_size);
}

void start_common(const char *cmdline, uint64_t mem_size)
{
    uintptr_t heap = image_end() + reserved;

    print_banner();
    print_memory_map(mem_size, heap);
    if (heap > mem_size || mem_size - heap < HEAP_MIN)
        PANIC("Not enough memory");
    start_info.cmdline = cmdline;
    start_info.heap_start = heap;
    start_info.heap_size = mem_size - heap;
    solo5_exit(solo5_app_main(&start_info));
}
