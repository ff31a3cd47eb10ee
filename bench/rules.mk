# Benchmark rules (included by the top Makefile): make bench prints ratio tables.
BENCH_B := $(B)/bench
$(BENCH_B)/bench_exec: bench/bench_exec.c
	$(call cmd,CC,$@)mkdir -p $(@D) && $(HOST_CC) -O2 -Wall -Wextra -Werror -o $@ $<
$(BENCH_B)/exit_static: bench/exit_static.c
	$(call cmd,CC,$@)mkdir -p $(@D) && $(HOST_CC) -O2 -static -o $@ $<
bench-build: test-build $(BENCH_B)/bench_exec $(BENCH_B)/exit_static
.PHONY: bench-build

bench: bench-build
	$(Q)bench/run.sh
.PHONY: bench
