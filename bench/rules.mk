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
# The startup guest (main returns at once) is the OCaml start-up's baseline: C over picolibc.
GUEST_FLAGS_startup := --specs=picolibc.specs
GUEST_DEPS_startup := $(LIBC_FILES)
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
	bench/virtio.sh || st=1; bench/sockets.sh || st=1; \
	$(if $(LIBC),bench/mbedtls.sh || st=1; bench/https.sh || st=1; bench/ocaml.sh || st=1;) \
	exit $$st
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

# ---- mbed TLS's benchmark program: a spt unikernel, and the same for Linux -----
# programs/test/benchmark.c of the configured source (mbedtls/rules.mk), compiled
# as mbed TLS's CMake compiles its programs (-O2) and linked as a user links
# one: the staged wrapper and libraries. Its baseline: the same source and
# config.h built for Linux by mbed TLS's CMake with the host's cc into
# $(BENCH_TLS)/linux, the benchmark linked against that libmbedcrypto.a with
# Kiln's glue (mbedtls/mbedtls_*.c, which the config's _ALT options need)
# compiled for Linux too: both sides run the same code, bench/mbedtls.sh.
BENCH_TLS := $(BENCH_B)/mbedtls
BENCH_TLS_PROG := $(MBEDTLS_CSRC)/programs/test/benchmark.c
$(BENCH_TLS)/benchmark.o: $(MBEDTLS_CSRC)/.configured $(MBEDTLS_FILES) $(TOOLCHAIN_FILES) \
	$(LIBC_FILES)
	$(call cmd,CC-GUEST,$@)mkdir -p $(@D) && \
	$(TCC) --specs=picolibc.specs -O2 $(WARN) -c -o $@ $(BENCH_TLS_PROG)
$(BENCH_TLS)/benchmark.spt: $(BENCH_TLS)/benchmark.o $(MBEDTLS_TEST_B)/manifest.o \
	$(MBEDTLS_FILES) $(S_LIB)/solo5_spt.o $(S_LIB)/solo5_spt.lds
	$(call cmd,LD-GUEST,$@)$(TCC) --specs=picolibc.specs -z solo5-abi=spt -o $@ \
	$(filter %/benchmark.o %/manifest.o,$^) -lmbedtls -lmbedx509 -lmbedcrypto
# CMake's own make runs under this one's jobserver; its log is in linux/build.log.
$(BENCH_TLS)/linux/.built: $(MBEDTLS_CSRC)/.configured bench/rules.mk
	$(call cmd,CMAKE,mbedtls for Linux)rm -rf $(@D) && mkdir -p $(@D) && \
	{ cmake -S $(MBEDTLS_CSRC) -B $(@D) -G 'Unix Makefiles' \
	  -DCMAKE_C_COMPILER=$(HOST_CC) \
	  -DCMAKE_BUILD_TYPE=Release -DENABLE_PROGRAMS=OFF -DENABLE_TESTING=OFF \
	  -DUSE_STATIC_MBEDTLS_LIBRARY=ON -DUSE_SHARED_MBEDTLS_LIBRARY=OFF && \
	  $(MAKE) -C $(@D) $(MBEDTLS_LIBS); } >$(@D)/build.log 2>&1 || \
	  { tail -n 30 $(@D)/build.log; exit 1; }
	$(Q)touch $@
$(BENCH_TLS)/benchmark_linux: $(BENCH_TLS)/linux/.built $(MBEDTLS_GLUE_SRCS)
	$(call cmd,CC,$@)$(HOST_CC) -O2 $(WARN) -I$(MBEDTLS_CSRC)/include -o $@ \
	$(BENCH_TLS_PROG) $(MBEDTLS_GLUE_SRCS) -L$(BENCH_TLS)/linux/library -lmbedcrypto
bench-build: $(if $(LIBC),$(BENCH_TLS)/benchmark.spt $(BENCH_TLS)/benchmark_linux)

# ---- examples/https for Linux: its TLS rows' baseline (bench/https.sh) --------
# The example's own "make linux": the same https.c, its disk an image file, linked
# with the Linux mbed TLS above and Kiln's glue compiled for Linux.
BENCH_TLS_GLUE_LINUX := $(MBEDTLS_GLUE_SRCS:mbedtls/%.c=$(BENCH_TLS)/linux-glue/%.o)
$(BENCH_TLS)/linux-glue/%.o: mbedtls/%.c $(BENCH_TLS)/linux/.built
	$(call cmd,CC,$@)mkdir -p $(@D) && \
	$(HOST_CC) -O2 $(WARN) -I$(MBEDTLS_CSRC)/include -c -o $@ $<
$(BENCH_B)/https/https.linux: $(wildcard examples/https/*) $(BENCH_TLS)/linux/.built \
	$(BENCH_TLS_GLUE_LINUX)
	$(call cmd,EXAMPLE,https for Linux)$(MAKE) -s --no-print-directory -C examples/https \
	OUT=$(abspath $(@D)) HOST_CC=$(HOST_CC) MBEDTLS_INC=$(abspath $(MBEDTLS_CSRC)/include) \
	MBEDTLS_LIBDIR=$(abspath $(BENCH_TLS)/linux/library) \
	MBEDTLS_GLUE="$(abspath $(BENCH_TLS_GLUE_LINUX))" linux >/dev/null
bench-build: $(if $(LIBC),$(BENCH_B)/https/https.linux)

# ---- OCaml programs: spt unikernels, and the same built natively (bench/ocaml.sh) -----
# Each bench/ocaml/NAME.ml is copied to $(BENCH_ML_B) (ocamlopt writes its objects
# beside the source) and compiled once by the staged wrapper (-c: the host's
# ocamlopt), then linked as a spt unikernel by the wrapper and for Linux by the host's
# ocamlopt alone: both run the same compiled code, as tests/ocaml/rules.mk does.
BENCH_ML_B := $(BENCH_B)/ocaml
BENCH_ML := $(basename $(notdir $(wildcard bench/ocaml/*.ml)))
BENCH_ML_W := $(S_BIN)/$(TRIPLE)-ocamlopt
$(BENCH_ML_B)/%.cmx: bench/ocaml/%.ml $(OCAML_FILES)
	$(call cmd,OCAMLOPT,$@)mkdir -p $(@D) && cp $< $(@D)/ && $(BENCH_ML_W) -c $(@D)/$*.ml
$(BENCH_ML_B)/%.native: $(BENCH_ML_B)/%.cmx
	$(call cmd,OCAMLOPT,$@)ocamlopt -o $@ $<
$(BENCH_ML_B)/%.spt: $(BENCH_ML_B)/%.cmx $(S_LIB)/solo5_spt.o $(S_LIB)/solo5_spt.lds \
	$(LIBC_FILES) $(S_BIN)/solo5-elftool
	$(call cmd,OCAMLOPT,$@)$(BENCH_ML_W) -z solo5-abi=spt -o $@ $<
BENCH_ML_BINS := $(foreach n,$(BENCH_ML),$(BENCH_ML_B)/$(n).native $(BENCH_ML_B)/$(n).spt)
bench-build: $(if $(LIBC),$(BENCH_ML_BINS))
.SECONDARY: $(BENCH_ML_BINS) $(BENCH_ML:%=$(BENCH_ML_B)/%.cmx)
