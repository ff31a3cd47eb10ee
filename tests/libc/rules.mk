# picolibc's own test suite as unikernels (included by tests/rules.mk).
# For each target, a second meson build of picolibc with its tests, linked
# through the staged wrapper as unikernels (-z solo5-abi=TARGET and the C
# library's flag); the test programs are copied, stripped, into bin/ with
# tests.list ("NAME TIMEOUT" per line, from meson's own test list), which
# tests/libc/run-tests runs on a tender (virtio: through tests/libc/virtio-run).
# Tests that cannot link are listed in tests/libc/expected with the reason; the
# suite checks that list.
LIBC_TEST_TARGETS := spt hvt virtio
LIBC_TEST_B := $(TESTS_B)/libc
$(LIBC_TEST_B)/manifest.o: tests/libc/manifest.json $(S_BIN)/solo5-elftool $(TOOLCHAIN_FILES)
	$(call cmd,MFT,$@)mkdir -p $(@D) && \
	$(S_BIN)/solo5-elftool gen-manifest $< $(@:.o=.c) && $(TCC) -c -o $@ $(@:.o=.c)
# The library's cross file, and the link flags that make each test a unikernel.
$(LIBC_TEST_B)/%/cross.txt: $(PICOLIBC_B)/cross.txt $(LIBC_TEST_B)/manifest.o
	$(call cmd,GEN,$@)mkdir -p $(@D) && { \
	cat $<; echo; echo '[built-in options]'; \
	echo "c_link_args = ['--specs=picolibc.specs', '-z', 'solo5-abi=$*', \
	'$(abspath $(LIBC_TEST_B)/manifest.o)']"; } >$@
# ninja -k 0: build every test that links; the list says which ones did.
$(LIBC_TEST_B)/%/tests.list: $(LIBC_TEST_B)/%/cross.txt $(LIBC_FILES) $(PICOLIBC_PSRC)/.patched \
	$(S_LIB)/solo5_%.o $(S_LIB)/solo5_%.lds \
	tests/libc/rules.mk tests/libc/list-tests
	$(call cmd,MESON,picolibc tests for $*)rm -rf $(@D)/b $(@D)/bin && \
	{ meson setup --cross-file $< $(PICOLIBC_OPTS) -Dtests=true \
	  -Dtests-enable-posix-io=false -Dtests-enable-full-malloc-stress=true \
	  $(@D)/b $(PICOLIBC_PSRC) && \
	  { ninja -k 0 -C $(@D)/b || true; }; } >$(@D)/build.log 2>&1 || \
	  { tail -n 30 $(@D)/build.log; exit 1; }
	$(Q)meson introspect --tests $(@D)/b >$(@D)/tests.json && \
	tests/libc/list-tests $(@D)/tests.json $(@D)/b $(@D)/bin >$@.tmp && mv $@.tmp $@
.SECONDARY: $(LIBC_TEST_TARGETS:%=$(LIBC_TEST_B)/%/cross.txt)
test-build: $(LIBC_TEST_TARGETS:%=$(LIBC_TEST_B)/%/tests.list)
$(TESTS_B)/picolibc.bats: $(LIBC_TEST_TARGETS:%=$(LIBC_TEST_B)/%/tests.list) tests/libc/gen-bats
	$(call cmd,GEN,$@)tests/libc/gen-bats $(abspath .) \
	$(foreach t,$(LIBC_TEST_TARGETS),$(t):$(LIBC_TEST_B)/$(t)/tests.list) >$@
test-build: $(TESTS_B)/picolibc.bats
