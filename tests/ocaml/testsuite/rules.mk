# OCaml's own tests as unikernels (included by tests/ocaml/rules.mk): selected from the fetched source, built by a sub-make.
# select reads the OCaml source's testsuite/tests (the source ocaml/rules.mk
# fetches for the runtime) and writes $(OTS_B)/tests.list, the tests that need
# only the standard library, and $(OTS_B)/select.txt, its counts; the list is
# also written as make variables ($(OTS_B)/tests.mk) for build.mk, the sub-make
# that compiles each test once with the staged ocamlopt wrapper (its header's
# flags) and links it for spt, and OTS_SUBSET for virtio and hvt. It runs with
# this make's jobs (make -j), so the links, which dominate, run in parallel.
# Each target's folder holds the unikernels (NAME with "/" as "."), their
# .reference files and the target's tests.list, all that run-tests needs; the
# hvt one is $(GUEST_TEST_B)/ocamlts, stripped, which the test VM takes along.
OTS_B := $(TESTS_B)/ocaml-testsuite
OTS_SRC := $(OCAML_SRC)/testsuite
# hvt and virtio run these (QEMU emulates the CPU): hash tables, printf, Format,
# Bigarray, Marshal, finalisers, ephemerons, Random, float syntax, exceptions, the GC.
OTS_SUBSET := lib-hashtbl/htbl lib-printf/tprintf lib-format/tformat lib-bigarray/fftba \
	lib-marshal/marshal_bigarray misc/finaliser misc/ephetest3 lib-random/rand \
	basic-float/tfloat_hex match-exception/exception_propagation misc/boyer

$(OTS_B)/tests.list: $(OCAML_SRC)/.fetched tests/ocaml/testsuite/select
	$(call cmd,GEN,$@)mkdir -p $(@D) && \
	tests/ocaml/testsuite/select $(OTS_SRC)/tests >$@.tmp 2>$(OTS_B)/select.txt && \
	mv $@.tmp $@ && cat $(OTS_B)/select.txt | head -n 1
$(OTS_B)/tests.mk: $(OTS_B)/tests.list
	$(call cmd,GEN,$@)awk -F'\t' '{ n = $$1; gsub("/", ".", n); \
	  printf "OTS_NAMES += %s\nOTS_SRC_%s := %s\nOTS_REF_%s := %s\nOTS_LIB_%s := %s\nOTS_FLAGS_%s := %s\n", \
	    n, n, $$2, n, $$3, n, $$5, n, $$6 }' $< >$@.tmp && mv $@.tmp $@

OTS_DEPS := $(OCAML_FILES) $(LIBC_FILES) $(S_BIN)/solo5-elftool \
	$(foreach t,$(TARGETS),$(S_LIB)/solo5_$(t).o $(S_LIB)/solo5_$(t).lds)
ocaml-testsuite: $(OTS_B)/tests.mk $(OTS_DEPS)
	+$(Q)$(MAKE) --no-print-directory -f tests/ocaml/testsuite/build.mk \
	  OTS_B=$(abspath $(OTS_B)) OTS_SRC=$(abspath $(OTS_SRC)) W=$(abspath $(OCAMLOPT_W)) \
	  'OTS_DEPS=$(OTS_DEPS)' 'OTS_SUBSET=$(OTS_SUBSET)' 'TARGETS=$(TARGETS)' \
	  OBJCOPY=$(GUEST_OBJCOPY) HVT_DIR=$(abspath $(GUEST_TEST_B))/ocamlts V=$(V)
test-build: $(if $(LIBC),ocaml-testsuite)
.PHONY: ocaml-testsuite
