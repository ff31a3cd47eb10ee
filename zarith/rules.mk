# Zarith rules (included by the top Makefile): Debian's Zarith built by its own configure and Makefile through Kiln's wrappers, against Kiln's GMP and OCaml runtime.
# Zarith is fetched with scripts/fetch-source and copied to $(ZARITH_CSRC). Its
# configure runs with CC the staged C wrapper with --specs=picolibc.specs (so its
# gmp.h and -lgmp checks find Kiln's GMP) and -ocamllibdir the configured
# freestanding runtime's folder (its caml/*.h, with the s.h of OCaml's cross
# configure, come before the host's). Its Makefile then runs with the tools
# replaced on its command line: OCAMLOPT the staged ocamlopt wrapper; OCAMLC the
# host's ocamlc with -cc the C wrapper (the Makefile compiles caml_z.c with
# $(OCAMLC), which runs its -cc with no flags of its own); OCAMLMKLIB with -custom
# (no dllzarith.so: a unikernel is static) and the wrapper as its ocamlopt;
# HASDYNLINK=no (no zarith.cmxs: no natdynlink). Its "make install" (ocamlfind
# install -destdir) stages the findlib package zarith in $(S_OCAML)/zarith, which
# the ocamlfind toolchain solo5 searches first (path(solo5), ocaml/rules.mk).
# The bytecode zarith.cma is built and installed too, as the Makefile's "all"
# and "install" want it; a unikernel cannot use it. Log: $(ZARITH_B)/build.log.
ZARITH_VERSION := 1.12-1
ZARITH_SUITE := bookworm
ZARITH_SRC := $(B)/src/zarith
ZARITH_B := $(B)/zarith
ZARITH_CSRC := $(ZARITH_B)/src
ZARITH_CC := $(abspath $(S_BIN))/$(TRIPLE)-cc --specs=picolibc.specs
ZARITH_OCAMLOPT := $(abspath $(S_BIN))/$(TRIPLE)-ocamlopt
ZARITH_MAKE := MAKEFLAGS= $(MAKE) -C $(ZARITH_CSRC) HASDYNLINK=no \
	OCAMLC='ocamlc -cc "$(ZARITH_CC)"' OCAMLOPT='$(ZARITH_OCAMLOPT)' \
	OCAMLMKLIB='ocamlmklib -custom -ocamlopt $(ZARITH_OCAMLOPT)'

$(ZARITH_SRC)/.fetched:
	$(call cmd,FETCH,ocaml-zarith $(ZARITH_VERSION))scripts/fetch-source \
	ocaml-zarith $(ZARITH_VERSION) $(ZARITH_SUITE) $(ZARITH_SRC)
$(ZARITH_B)/.built: $(ZARITH_SRC)/.fetched $(OCAML_FILES) $(GMP_FILES) $(TOOLCHAIN_FILES) \
	$(LIBC_FILES) $(OCAML_CSRC)/.configured zarith/rules.mk
	$(call cmd,ZARITH,configure -gmp && make && make install)\
	rm -rf $(ZARITH_CSRC) $(S_OCAML)/zarith && mkdir -p $(ZARITH_B) && \
	cp -R $(ZARITH_SRC) $(ZARITH_CSRC) && \
	{ cd $(ZARITH_CSRC) && CC="$(ZARITH_CC)" CFLAGS="-O2 -g" ./configure -gmp \
	    -ocamllibdir $(abspath $(OCAML_CSRC))/runtime -installdir $(abspath $(S_OCAML)) && \
	  cd $(abspath .) && $(ZARITH_MAKE) all && $(ZARITH_MAKE) install; \
	} >$(abspath $(ZARITH_B))/build.log 2>&1 || \
	  { tail -n 30 $(abspath $(ZARITH_B))/build.log; exit 1; }
	$(Q)touch $@

ZARITH_FILES := $(ZARITH_B)/.built
zarith: $(ZARITH_FILES)
libc: $(if $(LIBC),$(ZARITH_FILES))
.PHONY: zarith
