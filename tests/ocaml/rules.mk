# OCaml test rules (included by tests/rules.mk): OCaml programs built by the staged ocamlopt wrapper as unikernels, and natively by the host's ocamlopt.
# Each tests/ocaml/NAME.ml is copied to $(OCAML_TEST_B) (ocamlopt writes its objects
# beside the source), compiled once by the wrapper (-c: the host's ocamlopt), then
# linked per target (NAME.<target>) and, with the host's ocamlopt alone, for Linux
# (NAME.native): the same compiled code both ways, so tests/ocaml.bats can compare
# their output. The hvt ones are also copied to the guest folder as ocaml_NAME.hvt,
# for the VM of the hvt cases.
OCAML_TEST_B := $(TESTS_B)/ocaml
OCAML_TESTS := $(basename $(notdir $(wildcard tests/ocaml/*.ml)))
OCAMLOPT_W := $(S_BIN)/$(TRIPLE)-ocamlopt

$(OCAML_TEST_B)/%.cmx: tests/ocaml/%.ml $(OCAML_FILES)
	$(call cmd,OCAMLOPT,$@)mkdir -p $(@D) && cp $< $(@D)/ && \
	$(OCAMLOPT_W) -c $(@D)/$*.ml
$(OCAML_TEST_B)/%.native: $(OCAML_TEST_B)/%.cmx
	$(call cmd,OCAMLOPT,$@)ocamlopt -o $@ $<
define ocaml_test_link
$(OCAML_TEST_B)/%.$(1): $(OCAML_TEST_B)/%.cmx $(S_LIB)/solo5_$(1).o $(S_LIB)/solo5_$(1).lds \
	$(LIBC_FILES) $(S_BIN)/solo5-elftool
	$$(call cmd,OCAMLOPT,$$@)$(OCAMLOPT_W) -z solo5-abi=$(1) -o $$@ $$<
endef
$(foreach t,$(TARGETS),$(eval $(call ocaml_test_link,$(t))))
$(GUEST_TEST_B)/ocaml_%.hvt: $(OCAML_TEST_B)/%.hvt
	$(call cmd,CP,$@)mkdir -p $(@D) && cp $< $@

OCAML_TEST_BINS := $(foreach n,$(OCAML_TESTS),$(OCAML_TEST_B)/$(n).native \
	$(foreach t,$(TARGETS),$(OCAML_TEST_B)/$(n).$(t)) \
	$(if $(filter hvt,$(TARGETS)),$(GUEST_TEST_B)/ocaml_$(n).hvt))
ocaml-tests: $(OCAML_TEST_BINS)
test-build: $(if $(LIBC),$(OCAML_TEST_BINS))
.PHONY: ocaml-tests
.SECONDARY: $(OCAML_TEST_BINS) $(OCAML_TESTS:%=$(OCAML_TEST_B)/%.cmx)

# The OCaml device examples (examples/ocaml-*), built by their own Makefiles from the
# staged toolchain (ocamlfind's toolchain solo5, packages solo5 and solo5.lwt) as a
# user builds them; their hvt images go with the test guests, as
# example_ocaml_NAME.hvt, for the hvt cases' VM.
OCAML_EXAMPLES := counter ping
define ocaml_example
$(B)/examples/ocaml-$(1)/.built: $(wildcard examples/ocaml-$(1)/*) $(OCAML_FILES) \
	$(LIBC_FILES) $(TARGETS:%=$(S_LIB)/solo5_%.o) $(S_BIN)/solo5-elftool
	$$(call cmd,EXAMPLE,ocaml-$(1))$$(MAKE) -s --no-print-directory -C examples/ocaml-$(1) \
	TOOLCHAIN=$(abspath $(S_BIN)) OUT=$(abspath $(B)/examples/ocaml-$(1)) all >/dev/null && \
	mkdir -p $(GUEST_TEST_B) && \
	cp $(B)/examples/ocaml-$(1)/$(1).hvt $(GUEST_TEST_B)/example_ocaml_$(1).hvt && touch $$@
test-build: $(if $(LIBC),$(B)/examples/ocaml-$(1)/.built)
endef
$(foreach e,$(OCAML_EXAMPLES),$(eval $(call ocaml_example,$(e))))
include tests/ocaml/testsuite/rules.mk
