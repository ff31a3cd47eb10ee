# webserv rules (included by tests/rules.mk): a plain Linux server built unchanged for Linux and, through the staged wrappers, for Kiln.
# tests/outside/webserv.c knows nothing of Kiln. It is built the way a one-file
# program is, by make's built-in rule (`make webserv`, no makefile: `cc CFLAGS
# LDFLAGS webserv.c LDLIBS -o webserv`), from a copy in a folder of its own:
# for spt with CC the staged x86_64-solo5-none-static-cc --specs=picolibc.specs
# (the one flag), LDFLAGS -z solo5-abi=spt and the manifest object as LDLIBS;
# for Linux with the host's cc. make's command lines are kept in
# $(OUTSIDE_B)/{spt,linux}.log for tests/outside.bats.
OUTSIDE_B := $(TESTS_B)/outside
OUTSIDE_CC := $(abspath $(S_BIN))/$(TRIPLE)-cc --specs=picolibc.specs
OUTSIDE_CFLAGS := -O2 -g -Wall -Wextra -Werror

$(OUTSIDE_B)/webserv.mft.c: tests/outside/webserv.json $(S_BIN)/solo5-elftool
	$(call cmd,MFT,$@)mkdir -p $(@D) && $(S_BIN)/solo5-elftool gen-manifest $< $@
$(OUTSIDE_B)/webserv.mft.o: $(OUTSIDE_B)/webserv.mft.c $(TOOLCHAIN_FILES)
	$(call cmd,CC-GUEST,$@)$(TCC) -c -o $@ $<

# $(call outside_make,DIR,MAKE ARGUMENTS): make webserv in a fresh copy in DIR
# (without this make's flags and variables), its output in DIR.log.
define outside_make
rm -rf $(1) && mkdir -p $(1) && cp tests/outside/webserv.c $(1)/ && \
{ MAKEFLAGS= $(MAKE) -C $(1) webserv $(2); } >$(1).log 2>&1 || \
  { cat $(1).log; exit 1; }
endef

$(OUTSIDE_B)/webserv.spt: tests/outside/webserv.c $(OUTSIDE_B)/webserv.mft.o \
	$(TOOLCHAIN_FILES) $(LIBC_FILES) $(S_LIB)/solo5_spt.o $(S_LIB)/solo5_spt.lds \
	tests/outside/rules.mk
	$(call cmd,MAKE,webserv for spt)$(call outside_make,$(OUTSIDE_B)/spt, \
	CC="$(OUTSIDE_CC)" CFLAGS="$(OUTSIDE_CFLAGS)" LDFLAGS="-z solo5-abi=spt" \
	LDLIBS="$(abspath $(OUTSIDE_B))/webserv.mft.o") && cp $(OUTSIDE_B)/spt/webserv $@
$(OUTSIDE_B)/webserv.linux: tests/outside/webserv.c tests/outside/rules.mk
	$(call cmd,MAKE,webserv for Linux)$(call outside_make,$(OUTSIDE_B)/linux, \
	CC="$(HOST_CC)" CFLAGS="$(OUTSIDE_CFLAGS)") && cp $(OUTSIDE_B)/linux/webserv $@

OUTSIDE_BINS := $(OUTSIDE_B)/webserv.spt $(OUTSIDE_B)/webserv.linux
outside: $(OUTSIDE_BINS)
test-build: $(if $(LIBC),$(OUTSIDE_BINS))
.PHONY: outside
.SECONDARY: $(OUTSIDE_B)/webserv.mft.c $(OUTSIDE_B)/webserv.mft.o
