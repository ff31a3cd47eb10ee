# Zarith test rules (included by tests/rules.mk): a Zarith program linked through the ocamlfind toolchain solo5, and Zarith's own tests/ programs built by its own tests/Makefile as spt unikernels.
# bignum.ml is compiled once with -package zarith (the staged findlib.conf, the
# toolchain solo5: Kiln's zarith package), then linked per target (bignum.TARGET);
# bignum.native is the same source built for Linux against Debian's Zarith
# (libzarith-ocaml-dev), in a folder of its own; the hvt one is copied to the
# guest folder as zarith_bignum.hvt for the VM of the hvt cases.
ZARITH_TEST_B := $(TESTS_B)/zarith
# Debian's zarith (for bignum.native) is shadowed there; findlib's warning about it is silenced.
ZARITH_FINDLIB = PATH=$(abspath $(S_BIN)):$$PATH OCAMLFIND_CONF=$(abspath $(S_OCAML))/findlib.conf \
	OCAMLFIND_IGNORE_DUPS_IN="$$(ocamlfind printconf path | paste -sd:)" \
	ocamlfind -toolchain solo5 ocamlopt -package zarith

$(ZARITH_TEST_B)/bignum.cmx: tests/zarith/bignum.ml $(ZARITH_FILES)
	$(call cmd,OCAMLFIND,$@)mkdir -p $(@D) && cp $< $(@D)/ && \
	$(ZARITH_FINDLIB) -c $(@D)/bignum.ml
define zarith_test_link
$(ZARITH_TEST_B)/bignum.$(1): $(ZARITH_TEST_B)/bignum.cmx $(S_LIB)/solo5_$(1).o \
	$(S_LIB)/solo5_$(1).lds $(LIBC_FILES) $(S_BIN)/solo5-elftool
	$$(call cmd,OCAMLFIND,$$@)$$(ZARITH_FINDLIB) -linkpkg -passopt -z -passopt solo5-abi=$(1) \
	-o $$@ $$<
endef
$(foreach t,$(TARGETS),$(eval $(call zarith_test_link,$(t))))
$(ZARITH_TEST_B)/native/bignum: tests/zarith/bignum.ml
	$(call cmd,OCAMLFIND,$@)mkdir -p $(@D) && cp $< $(@D)/ && \
	ocamlfind ocamlopt -package zarith -linkpkg -o $@ $(@D)/bignum.ml
$(GUEST_TEST_B)/zarith_bignum.hvt: $(ZARITH_TEST_B)/bignum.hvt
	$(call cmd,CP,$@)mkdir -p $(@D) && cp $< $@

# Zarith's own tests (tests/ of its source, in its build folder): its tests/Makefile
# builds each with "ocamlopt -I .. zarith.cmxa" (and setround.c with "ocamlc -c"),
# by those names: on PATH first, bin/ocamlopt is the staged wrapper with
# -z solo5-abi=spt (the host's ocamlopt beneath it) and bin/ocamlc the host's with
# -cc the C wrapper, so each X.exe is an spt unikernel. ZARITH_TESTS are the
# programs of its "test" target; bi is left out, as its Makefile leaves it out
# without the num library (and num's C stubs are not built for Kiln).
# tests/zarith/run-tests runs them (tests/zarith.bats). Log: build-spt.log.
ZARITH_TESTS := zq pi tofloat ofstring
$(ZARITH_TEST_B)/bin/ocamlopt $(ZARITH_TEST_B)/bin/ocamlc: tests/zarith/rules.mk
	$(call cmd,GEN,$@)mkdir -p $(@D) && case $(@F) in \
	ocamlopt) l="KILN_OCAMLOPT=$$(command -v ocamlopt) exec $(ZARITH_OCAMLOPT) -z solo5-abi=spt" ;; \
	ocamlc) l="exec $$(command -v ocamlc) -cc '$(ZARITH_CC)'" ;; esac && \
	printf '%s\n' '#!/bin/sh' '# $(@F) for the spt build of Zarith'"'"'s tests (tests/zarith/rules.mk).' \
	  "$$l \"\$$@\"" >$@.tmp && chmod +x $@.tmp && mv $@.tmp $@
$(ZARITH_TEST_B)/spt.built: $(ZARITH_FILES) $(ZARITH_TEST_B)/bin/ocamlopt $(ZARITH_TEST_B)/bin/ocamlc \
	$(S_LIB)/solo5_spt.o $(S_LIB)/solo5_spt.lds
	$(call cmd,ZARITH,make -C tests $(ZARITH_TESTS:%=%.exe))\
	rm -f $(ZARITH_CSRC)/tests/*.exe && \
	PATH=$(abspath $(ZARITH_TEST_B))/bin:$$PATH MAKEFLAGS= $(MAKE) -C $(ZARITH_CSRC)/tests \
	  $(ZARITH_TESTS:%=%.exe) >$(ZARITH_TEST_B)/build-spt.log 2>&1 || \
	  { tail -n 30 $(ZARITH_TEST_B)/build-spt.log; exit 1; }
	$(Q)touch $@

ZARITH_TEST_FILES := $(TARGETS:%=$(ZARITH_TEST_B)/bignum.%) $(ZARITH_TEST_B)/native/bignum \
	$(ZARITH_TEST_B)/spt.built $(if $(filter hvt,$(TARGETS)),$(GUEST_TEST_B)/zarith_bignum.hvt)
zarith-tests: $(ZARITH_TEST_FILES)
test-build: $(if $(LIBC),$(ZARITH_TEST_FILES))
.PHONY: zarith-tests
.SECONDARY: $(ZARITH_TEST_FILES) $(ZARITH_TEST_B)/bignum.cmx
