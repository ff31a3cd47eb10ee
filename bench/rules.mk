# Benchmark rules (included by the top Makefile): make bench prints ratio tables.
BENCH_B := $(B)/bench
$(BENCH_B)/bench_exec: bench/bench_exec.c
	$(call cmd,CC,$@)mkdir -p $(@D) && $(HOST_CC) -O2 -Wall -Wextra -Werror -o $@ $<
$(BENCH_B)/exit_static: bench/exit_static.c
	$(call cmd,CC,$@)mkdir -p $(@D) && $(HOST_CC) -O2 -static -o $@ $<

# ---- device benchmarks: host baselines and bench/guest/NAME unikernels --------
BENCH_DEV_HOST := $(BENCH_B)/net_host $(BENCH_B)/net_inject $(BENCH_B)/blk_host
$(BENCH_DEV_HOST): $(BENCH_B)/%: bench/%.c bench/bench_dev.h
	$(call cmd,CC,$@)mkdir -p $(@D) && \
	$(HOST_CC) -std=gnu11 -O2 $(WARN) -D_GNU_SOURCE -o $@ $<

BENCH_GUESTS := $(filter-out common,$(notdir $(wildcard bench/guest/*)))
BENCH_GUEST_CFLAGS := $(GUEST_TEST_CFLAGS) -Ibench/guest/common
BENCH_GUEST_HDRS := $(wildcard bench/guest/common/*.h tests/guest/common/*.h)
define bench_guest
$(BENCH_B)/guest/$(1)/manifest.c: bench/guest/$(1)/manifest.json $(S_BIN)/solo5-elftool
	$$(call cmd,MFT,$$@)mkdir -p $$(@D) && $(S_BIN)/solo5-elftool gen-manifest $$< $$@
$(BENCH_B)/guest/$(1)/%.o: bench/guest/$(1)/%.c $(BENCH_GUEST_HDRS) $(TOOLCHAIN_FILES)
	$$(call cmd,CC-BENCH,$$@)mkdir -p $$(@D) && $(TCC) $(BENCH_GUEST_CFLAGS) -c -o $$@ $$(filter %.c,$$^)
$(BENCH_B)/guest/$(1)/manifest.o: $(BENCH_B)/guest/$(1)/manifest.c $(TOOLCHAIN_FILES)
	$$(call cmd,CC-BENCH,$$@)$(TCC) $(BENCH_GUEST_CFLAGS) -c -o $$@ $$(filter %.c,$$^)
$(BENCH_B)/guest/$(1).spt: $(patsubst bench/guest/$(1)/%.c,$(BENCH_B)/guest/$(1)/%.o,\
	$(wildcard bench/guest/$(1)/*.c)) $(BENCH_B)/guest/$(1)/manifest.o \
	$(S_LIB)/solo5_spt.o $(S_LIB)/solo5_spt.lds
	$$(call cmd,LD-BENCH,$$@)$(TCC) -z solo5-abi=spt -o $$@ $$(filter-out $(S_LIB)/%,$$(filter %.o,$$^))
endef
$(foreach g,$(BENCH_GUESTS),$(eval $(call bench_guest,$(g))))

bench-build: test-build $(BENCH_B)/bench_exec $(BENCH_B)/exit_static \
	$(BENCH_DEV_HOST) $(BENCH_GUESTS:%=$(BENCH_B)/guest/%.spt)
.PHONY: bench-build

bench: bench-build
	$(Q)bench/run.sh
.PHONY: bench
