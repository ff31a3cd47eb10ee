# OCaml's selected tests as unikernels: the sub-make of tests/ocaml/testsuite/rules.mk (its variables are given by it).
# For each test of $(OTS_B)/tests.mk (NAME with "/" as "."): its source copied
# to $(OTS_B)/obj/NAME/ and compiled there with its header's flags (the
# testsuite's lib/testing.ml first, when the test includes it); linked for spt
# into $(OTS_B)/spt/NAME.spt, and for OTS_SUBSET also into
# $(OTS_B)/virtio/NAME.virtio and, stripped, $(HVT_DIR)/NAME.hvt; each folder
# gets the tests' references and its own tests.list.
include $(OTS_B)/tests.mk
Q := $(if $(filter 1,$(V)),,@)
LIST := $(OTS_B)/tests.list
dot = $(subst /,.,$(1))
SUBSET := $(call dot,$(OTS_SUBSET))
TESTING := $(OTS_B)/obj/lib/testing.cmx

all: $(if $(filter spt,$(TARGETS)),$(OTS_B)/spt/.done) \
	$(if $(filter virtio,$(TARGETS)),$(OTS_B)/virtio/.done) \
	$(if $(filter hvt,$(TARGETS)),$(HVT_DIR)/.done)
	@:

$(TESTING): $(OTS_SRC)/lib/testing.ml $(OTS_SRC)/lib/testing.mli $(OTS_DEPS)
	@echo '  OCAMLOPT  $@'
	$(Q)mkdir -p $(@D) && cp $(OTS_SRC)/lib/testing.ml $(OTS_SRC)/lib/testing.mli $(@D)/ && \
	cd $(@D) && $(W) -c testing.mli testing.ml

# test NAME: its compiled object and its links.
define test
$(OTS_B)/obj/$(1)/.cmx: $(OTS_SRC)/tests/$(OTS_SRC_$(1)) $(OTS_DEPS) \
	$(if $(filter testing,$(OTS_LIB_$(1))),$(TESTING))
	@echo '  OCAMLOPT  $(OTS_SRC_$(1))'
	$(Q)rm -rf $$(@D) && mkdir -p $$(@D) && cp $$< $$(@D)/ && cd $$(@D) && \
	$(W) $(OTS_FLAGS_$(1)) $(if $(filter testing,$(OTS_LIB_$(1))),-I ../lib) \
	  -c $(notdir $(OTS_SRC_$(1))) >log 2>&1 || { cat log; exit 1; }; touch $$@
endef
$(foreach n,$(OTS_NAMES),$(eval $(call test,$(n))))

# link TARGET NAME OUT: NAME's objects linked as a TARGET unikernel OUT.
link = $(W) -z solo5-abi=$(1) -o $(3) $(if $(filter testing,$(OTS_LIB_$(2))),$(TESTING)) \
	$(OTS_B)/obj/$(2)/$(basename $(notdir $(OTS_SRC_$(2)))).cmx
$(OTS_B)/spt/%.spt: $(OTS_B)/obj/%/.cmx
	@echo '  OCAMLOPT  $@'
	$(Q)mkdir -p $(@D) && $(call link,spt,$*,$@)
$(OTS_B)/virtio/%.virtio: $(OTS_B)/obj/%/.cmx
	@echo '  OCAMLOPT  $@'
	$(Q)mkdir -p $(@D) && $(call link,virtio,$*,$@)
$(HVT_DIR)/%.hvt: $(OTS_B)/obj/%/.cmx
	@echo '  OCAMLOPT  $@'
	$(Q)mkdir -p $(@D) && $(call link,hvt,$*,$@.tmp) && \
	$(OBJCOPY) --strip-debug $@.tmp $@ && rm -f $@.tmp

# DIR/.done TARGET NAMES: the unikernels, the references, the list.
define folder
$(1)/.done: $(foreach n,$(3),$(1)/$(n).$(2)) $(LIST)
	$(Q)for n in $(3); do \
	  r=$$$$(awk -F'\t' -v n="$$$$n" '{ m = $$$$1; gsub("/", ".", m) } m == n { print $$$$3 }' $(LIST)); \
	  [ "$$$$r" = - ] || cp $(OTS_SRC)/tests/$$$$r $(1)/$$$$n.reference || exit 1; \
	done && awk -F'\t' -v l=' $(3) ' '{ m = $$$$1; gsub("/", ".", m) } index(l, " " m " ")' \
	  $(LIST) >$(1)/tests.list && touch $$@
endef
$(eval $(call folder,$(OTS_B)/spt,spt,$(OTS_NAMES)))
$(eval $(call folder,$(OTS_B)/virtio,virtio,$(SUBSET)))
$(eval $(call folder,$(HVT_DIR),hvt,$(SUBSET)))
.PHONY: all
