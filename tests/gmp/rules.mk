# GMP's own test programs as unikernels (included by tests/rules.mk), built by GMP's own make check.
# GMP's tests/ (its libtests and the programs of tests/, tests/mpn, mpz, mpq,
# mpf, rand and misc; tests/cxx is C++, which Kiln has no runtime for, so
# configure's --disable-cxx leaves it empty) are built in GMP's build folder by
# its own Makefiles: "make check TESTS=" builds every check program and runs
# none. Their objects are compiled as configure set up (the staged wrapper,
# --specs=picolibc.specs); only the link differs: CCLD is $(GMP_TEST_B)/ld-TARGET,
# the same wrapper with -z solo5-abi=TARGET and a manifest with no devices, so
# each program is a unikernel of that target. spt programs keep GMP's names
# (tests/mpz/t-add); the hvt and virtio ones, of GMP_SUBSET only, are linked
# with EXEEXT=.TARGET (tests/mpz/t-add.hvt), and the hvt ones copied to the
# guest folder as gmp_DIR_NAME.hvt for the VM of the hvt cases. tests/gmp.bats
# runs them with GMP's own harness (make check-am with LOG_COMPILER).
GMP_TEST_B := $(TESTS_B)/gmp
# GMP's test folders, as tests/gmp.bats names them ("tests" is tests/ itself).
GMP_TEST_DIRS := tests mpn mpz mpq mpf rand misc
# The folders whose programs hvt and virtio run too.
GMP_SUBSET := mpz
gmp_dir = $(GMP_OBJ)/tests$(if $(filter tests,$(1)),,/$(1))

$(GMP_TEST_B)/manifest.o: tests/libc/manifest.json $(S_BIN)/solo5-elftool $(TOOLCHAIN_FILES)
	$(call cmd,MFT,$@)mkdir -p $(@D) && \
	$(S_BIN)/solo5-elftool gen-manifest $< $(@:.o=.c) && $(TCC) -c -o $@ $(@:.o=.c)
$(GMP_TEST_B)/ld-%: $(GMP_TEST_B)/manifest.o tests/gmp/rules.mk
	$(call cmd,GEN,$@)printf '%s\n' '#!/bin/sh' \
	'# GMP test links as $* unikernels (CCLD of tests/gmp/rules.mk).' \
	'exec $(abspath $(TCC)) --specs=picolibc.specs -z solo5-abi=$* "$$@" $(abspath $<)' \
	>$@ && chmod +x $@

# $(call gmp_tests_for,TARGET,DIRS,EXEEXT,PREREQ): TARGET's programs of DIRS,
# built by GMP's make; the old ones removed first (GMP's clean-checkPROGRAMS),
# so a change of the bindings or of the library relinks them all. Log:
# $(GMP_TEST_B)/build-TARGET.log.
define gmp_tests_for
$(GMP_TEST_B)/$(1).built: $(GMP_B)/.built $(GMP_TEST_B)/ld-$(1) $(S_LIB)/solo5_$(1).o \
	$(S_LIB)/solo5_$(1).lds $(LIBC_FILES) tests/gmp/rules.mk $(4)
	$$(call cmd,GMP,make check TESTS= CCLD=ld-$(1) ($(2)))\
	for d in $(2); do \
	  dir=$(GMP_OBJ)/tests/$$$$d; [ $$$$d != tests ] || dir=$(GMP_OBJ)/tests; \
	  MAKEFLAGS='$$(GMP_JOBS)' $$(MAKE) -C $$$$dir EXEEXT=$(3) clean-checkPROGRAMS && \
	  MAKEFLAGS='$$(GMP_JOBS)' $$(MAKE) -C $$$$dir EXEEXT=$(3) TESTS= \
	    CCLD=$(abspath $(GMP_TEST_B)/ld-$(1)) check-am || exit 1; \
	done >$(GMP_TEST_B)/build-$(1).log 2>&1 || \
	  { tail -n 30 $(GMP_TEST_B)/build-$(1).log; exit 1; }
	$$(Q)touch $$@
endef
$(eval $(call gmp_tests_for,spt,$(GMP_TEST_DIRS),,))
$(foreach t,$(filter-out spt,$(TARGETS)),$(eval $(call gmp_tests_for,$(t),$(GMP_SUBSET),.$(t),$(GMP_TEST_B)/spt.built)))

# The hvt programs go to the VM with the test guests, without their debugging
# sections: gmp_DIR_NAME.hvt, and gmp.list, "DIR NAME" a line, for the hvt case.
$(GMP_TEST_B)/hvt.copied: $(GMP_TEST_B)/hvt.built
	$(call cmd,STRIP,$(GUEST_TEST_B)/gmp_*.hvt)mkdir -p $(GUEST_TEST_B) && \
	rm -f $(GUEST_TEST_B)/gmp_*.hvt && : >$(GUEST_TEST_B)/gmp.list && \
	for d in $(GMP_SUBSET); do \
	  for p in $(GMP_OBJ)/tests/$$d/*.hvt; do \
	    n=$${p##*/}; n=$${n%.hvt}; \
	    $(GUEST_OBJCOPY) --strip-debug $$p $(GUEST_TEST_B)/gmp_$${d}_$$n.hvt && \
	    echo "$$d $$n" >>$(GUEST_TEST_B)/gmp.list || exit 1; \
	  done; \
	done && touch $@

GMP_TEST_FILES := $(TARGETS:%=$(GMP_TEST_B)/%.built) \
	$(if $(filter hvt,$(TARGETS)),$(GMP_TEST_B)/hvt.copied)
gmp-tests: $(GMP_TEST_FILES)
test-build: $(if $(LIBC),$(GMP_TEST_FILES))
.PHONY: gmp-tests
