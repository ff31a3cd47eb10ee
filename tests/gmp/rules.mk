# GMP's own test programs as unikernels (included by tests/rules.mk), built by GMP's own make check.
# GMP's tests/ (its libtests and the programs of tests/, tests/mpn, mpz, mpq,
# mpf, rand and misc; tests/cxx is C++, which Kiln has no runtime for, so
# configure's --disable-cxx leaves it empty) are built in GMP's build folder by
# its own Makefiles: "make check TESTS=" builds every check program and runs
# none. Their objects are compiled as configure set up (the staged wrapper,
# --specs=picolibc.specs); only the link differs: CCLD is $(GMP_TEST_B)/ld-TARGET,
# the same wrapper with -z solo5-abi=TARGET and a manifest with no devices, so
# each program is a unikernel of that target. spt programs keep GMP's names
# (tests/mpz/t-add); the hvt and virtio ones, GMP_SUBSET only, are linked by
# GMP's rules for them with EXEEXT=.TARGET (tests/mpz/t-add.hvt), and the hvt
# ones copied to the guest folder as gmp_DIR_NAME.hvt for the VM of the hvt
# cases. tests/gmp.bats
# runs them with GMP's own harness (make check-am with LOG_COMPILER).
GMP_TEST_B := $(TESTS_B)/gmp
# GMP's test folders, as tests/gmp.bats names them ("tests" is tests/ itself).
GMP_TEST_DIRS := tests mpn mpz mpq mpf rand misc
# The programs hvt and virtio run too (QEMU emulates the CPU, the hvt VM too):
# tests/mpz's arithmetic, division, roots, powers, number theory, conversions.
GMP_SUBSET_DIR := mpz
GMP_SUBSET := t-addsub t-mul t-tdiv t-fdiv t-cdiv_ui t-gcd t-invert t-powm t-sqrtrem t-root \
	t-fac_ui t-fib_ui t-bin t-jac t-nextprime t-pprime_p t-get_d t-set_str convert logic t-bit

$(GMP_TEST_B)/manifest.o: tests/libc/manifest.json $(S_BIN)/solo5-elftool $(TOOLCHAIN_FILES)
	$(call cmd,MFT,$@)mkdir -p $(@D) && \
	$(S_BIN)/solo5-elftool gen-manifest $< $(@:.o=.c) && $(TCC) -c -o $@ $(@:.o=.c)
$(GMP_TEST_B)/ld-%: $(GMP_TEST_B)/manifest.o
	$(call cmd,GEN,$@)printf '%s\n' '#!/bin/sh' \
	'# GMP test links as $* unikernels (CCLD of tests/gmp/rules.mk).' \
	'exec $(abspath $(TCC)) --specs=picolibc.specs -z solo5-abi=$* "$$@" $(abspath $<)' \
	>$@ && chmod +x $@

# $(GMP_TEST_B)/TARGET.built: TARGET's programs, built by GMP's make; the old
# ones removed first (GMP's clean-checkPROGRAMS), so a change of the bindings
# or of the library relinks them all. Log: $(GMP_TEST_B)/build-TARGET.log.
# spt: every folder's, by "make check-am TESTS=" (which also builds libtests).
$(GMP_TEST_B)/spt.built: $(GMP_B)/.built $(GMP_TEST_B)/ld-spt $(S_LIB)/solo5_spt.o \
	$(S_LIB)/solo5_spt.lds $(LIBC_FILES) tests/gmp/rules.mk
	$(call cmd,GMP,make check TESTS= CCLD=ld-spt ($(GMP_TEST_DIRS)))\
	for d in $(GMP_TEST_DIRS); do \
	  dir=$(GMP_OBJ)/tests/$$d; [ $$d != tests ] || dir=$(GMP_OBJ)/tests; \
	  MAKEFLAGS='$(GMP_JOBS)' $(MAKE) -C $$dir clean-checkPROGRAMS && \
	  MAKEFLAGS='$(GMP_JOBS)' $(MAKE) -C $$dir TESTS= \
	    CCLD=$(abspath $(GMP_TEST_B)/ld-spt) check-am || exit 1; \
	done >$(GMP_TEST_B)/build-spt.log 2>&1 || \
	  { tail -n 30 $(GMP_TEST_B)/build-spt.log; exit 1; }
	$(Q)touch $@
# hvt and virtio: GMP_SUBSET, by GMP's rule for each program, after libtests.
$(GMP_TEST_B)/%.built: $(GMP_TEST_B)/spt.built $(GMP_TEST_B)/ld-% $(S_LIB)/solo5_%.o \
	$(S_LIB)/solo5_%.lds
	$(call cmd,GMP,make CCLD=ld-$* EXEEXT=.$* ($(GMP_SUBSET_DIR)/...))\
	( cd $(GMP_OBJ)/tests/$(GMP_SUBSET_DIR) && rm -f $(GMP_SUBSET:%=%.$*) && \
	  MAKEFLAGS='$(GMP_JOBS)' $(MAKE) EXEEXT=.$* CCLD=$(abspath $(GMP_TEST_B)/ld-$*) \
	    $(GMP_SUBSET:%=%.$*) ) >$(GMP_TEST_B)/build-$*.log 2>&1 || \
	  { tail -n 30 $(GMP_TEST_B)/build-$*.log; exit 1; }
	$(Q)touch $@

# The hvt programs go to the VM with the test guests, without their debugging
# sections: gmp_DIR_NAME.hvt, for the hvt case. Only GMP_HVT_SUBSET of them:
# in the VM (TCG with nested KVM) all 21 took over the case's 120 s.
GMP_HVT_SUBSET := t-addsub t-cdiv_ui t-get_d t-set_str
$(GMP_TEST_B)/hvt.copied: $(GMP_TEST_B)/hvt.built
	$(call cmd,STRIP,$(GUEST_TEST_B)/gmp_*.hvt)mkdir -p $(GUEST_TEST_B) && \
	rm -f $(GUEST_TEST_B)/gmp_*.hvt && \
	for n in $(GMP_HVT_SUBSET); do \
	  $(GUEST_OBJCOPY) --strip-debug $(GMP_OBJ)/tests/$(GMP_SUBSET_DIR)/$$n.hvt \
	    $(GUEST_TEST_B)/gmp_$(GMP_SUBSET_DIR)_$$n.hvt || exit 1; \
	done && touch $@

GMP_TEST_FILES := $(TARGETS:%=$(GMP_TEST_B)/%.built) \
	$(if $(filter hvt,$(TARGETS)),$(GMP_TEST_B)/hvt.copied)
gmp-tests: $(GMP_TEST_FILES)
test-build: $(if $(LIBC),$(GMP_TEST_FILES))
.PHONY: gmp-tests
