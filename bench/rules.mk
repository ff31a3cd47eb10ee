# Benchmark rules (included by the top Makefile): make bench prints ratio tables.
BENCH_B := $(B)/bench
$(BENCH_B)/bench_exec: bench/bench_exec.c
	$(call cmd,CC,$@)mkdir -p $(@D) && $(HOST_CC) -O2 -Wall -Wextra -Werror -o $@ $<
$(BENCH_B)/exit_static: bench/exit_static.c
	$(call cmd,CC,$@)mkdir -p $(@D) && $(HOST_CC) -O2 -static -o $@ $<
# The hvt baselines: a minimal KVM program, and N bare OUT exits.
$(BENCH_B)/kvm_hlt: bench/kvm_hlt.c
	$(call cmd,CC,$@)mkdir -p $(@D) && $(HOST_CC) -std=gnu11 -O2 $(WARN) -o $@ $<

# ---- device benchmarks: host baselines and bench/guest/NAME unikernels --------
BENCH_DEV_HOST := $(BENCH_B)/net_host $(BENCH_B)/net_inject $(BENCH_B)/blk_host
$(BENCH_DEV_HOST): $(BENCH_B)/%: bench/%.c bench/bench_dev.h bench/guest/common/bench_blk.h
	$(call cmd,CC,$@)mkdir -p $(@D) && \
	$(HOST_CC) -std=gnu11 -O2 $(WARN) -D_GNU_SOURCE -o $@ $<

BENCH_GUESTS := $(filter-out common,$(notdir $(wildcard bench/guest/*)))
BENCH_GUEST_CFLAGS := $(GUEST_TEST_CFLAGS) -Ibench/guest/common
BENCH_GUEST_HDRS := $(wildcard bench/guest/common/*.h tests/guest/common/*.h)
BENCH_GUEST_B := $(BENCH_B)/guest
# The libc guest is hosted C over picolibc; the same source is built for glibc
# as its baseline.
GUEST_FLAGS_libc := --specs=picolibc.specs
GUEST_DEPS_libc := $(LIBC_FILES)
$(foreach g,$(BENCH_GUESTS),$(eval $(call guest_unikernel,$(g),bench/guest/$(g),$(BENCH_GUEST_B),$(BENCH_GUEST_CFLAGS),$(BENCH_GUEST_HDRS))))

$(BENCH_B)/libc_glibc: bench/guest/libc/libc.c
	$(call cmd,CC,$@)mkdir -p $(@D) && $(HOST_CC) -std=gnu11 -O2 $(WARN) -o $@ $<

bench-build: test-build $(BENCH_B)/bench_exec $(BENCH_B)/exit_static $(BENCH_B)/libc_glibc \
	$(BENCH_B)/kvm_hlt $(BENCH_DEV_HOST) \
	$(foreach t,$(TARGETS),$(BENCH_GUESTS:%=$(BENCH_B)/guest/%.$(t)))
.PHONY: bench-build

bench:
	$(Q)scripts/deps.sh
	$(Q)$(MAKE) --no-print-directory bench-build
	$(Q)st=0; bench/run.sh || st=1; bench/libc.sh || st=1; bench/hvt.sh || st=1; \
	bench/virtio.sh || st=1; bench/sockets.sh || st=1; exit $$st
.PHONY: bench

# ---- the virtio block baseline: the same bindings, one sector per request -----
# bench/virtio_onesector/ replaces virtio_blk_limits.c in a staged tree of its
# own, whose copy of the cc wrapper links blk_sizes against it (objects shared).
VB1 := $(BENCH_B)/virtio_onesector
VB1_LIB := $(VB1)/lib/$(TRIPLE)
VB1_OBJS := $(filter-out %/virtio_blk_limits.o,$(BINDINGS_virtio_OBJS)) \
	$(B)/guest/bench/virtio_onesector/virtio_blk_limits_onesector.o
$(B)/guest/bench/virtio_onesector/%.o: GUEST_CFLAGS += -Ibindings/virtio
$(VB1_LIB)/solo5_virtio.o: $(VB1_OBJS)
	$(call cmd,LD-R,$@)mkdir -p $(@D) && $(GUEST_LD) -r -o $@.tmp $^ && \
	$(GUEST_OBJCOPY) -w $(KEEP_SYMS) $@.tmp $@ && rm -f $@.tmp
$(VB1_LIB)/%: $(S_LIB)/%
	$(call cmd,CP,$@)mkdir -p $(@D) && cp $< $@
$(VB1)/bin/$(TRIPLE)-cc: $(TCC)
	$(call cmd,CP,$@)mkdir -p $(@D) && cp $< $@
$(BENCH_GUEST_B)/blk_sizes_onesector.virtio: $(BENCH_GUEST_B)/blk_sizes/blk_sizes.o \
	$(BENCH_GUEST_B)/blk_sizes/manifest.o $(VB1)/bin/$(TRIPLE)-cc \
	$(VB1_LIB)/solo5_virtio.o $(VB1_LIB)/solo5_virtio.lds $(VB1_LIB)/nolibc.ld
	$(call cmd,LD-GUEST,$@)$(VB1)/bin/$(TRIPLE)-cc -z solo5-abi=virtio -o $@ \
	$(filter %/blk_sizes.o %/manifest.o,$^)
bench-build: $(BENCH_GUEST_B)/blk_sizes_onesector.virtio
