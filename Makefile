# promptgate — build, test and demo. Every target installs missing Debian
# packages first, so a fresh machine with the Swift toolchain is enough.
SWIFT ?= swift
PACKAGES := libcurl4-openssl-dev libyaml-dev libsqlite3-dev libssl-dev libmicrohttpd-dev pkg-config
BIN := .build/debug/promptgate
PREFIX ?= /usr/local
# The installable binary: release, the Swift runtime and Foundation linked in statically, so
# it needs only the Debian C libraries it links (no toolchain on the machine that runs it).
STATIC := .build/static
VERSION := $(shell sed -n 's/.*current = "\(.*\)"/\1/p' Sources/PromptGateModel/Version.swift)

.PHONY: deps build release test demo lint bench clean test-real-model static install uninstall deb check-install schemas test-tools

deps:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get -o DPkg::Lock::Timeout=120 update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=120 $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

static: deps
	$(SWIFT) build -c release --product promptgate --static-swift-stdlib --scratch-path $(STATIC)

# make install [PREFIX=/usr/local] [DESTDIR=…]: installs bin/promptgate.
install: static
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 "$$($(SWIFT) build -c release --scratch-path $(STATIC) --show-bin-path)/promptgate" "$(DESTDIR)$(PREFIX)/bin/promptgate"
	@echo "installed $(DESTDIR)$(PREFIX)/bin/promptgate"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/promptgate"

# make deb: promptgate_<version>_<arch>.deb in .build/, Depends from the libraries it links.
deb: static
	scripts/make-deb.sh "$$($(SWIFT) build -c release --scratch-path $(STATIC) --show-bin-path)/promptgate" "$(VERSION)" .build

# Installs into a temporary prefix and from the .deb, then runs them without the toolchain.
check-install:
	scripts/check-install.sh

# The committed JSON Schemas in schemas/, regenerated from the decoders' key lists.
schemas: build
	for k in config prompt suite release; do $(BIN) schema $$k --output schemas/$$k.schema.json; done

# Python's jsonschema and PyYAML for the independent schema check (scripts/validate-schemas.py),
# in a venv under .build/ when the system python3 lacks them.
PYTOOLS := .build/pytools
test-tools:
	@if python3 -c 'import jsonschema, yaml' 2>/dev/null || $(PYTOOLS)/bin/python3 -c 'import jsonschema, yaml' 2>/dev/null; then \
	  echo "python test tools present"; \
	else \
	  dpkg-query -W -f='$${Status}' python3-venv 2>/dev/null | grep -q "install ok installed" || { \
	    SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	    $$SUDO apt-get -o DPkg::Lock::Timeout=120 update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=120 python3-venv; }; \
	  python3 -m venv $(PYTOOLS) && $(PYTOOLS)/bin/pip install -q jsonschema pyyaml; \
	fi

test: deps lint test-tools
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

lint:
	$(SWIFT) format lint --strict -r Sources Tests

demo: build
	@scripts/demo.sh

# Runs the example suites live against SmolLM2-135M on 127.0.0.1 (builds llama.cpp's
# server in a virtualenv the first time: about 6 minutes). Not part of `make test`.
# The example suites live against SmolLM2-135M on 127.0.0.1 (installed on first use, ~9 min),
# embeddings from fake-model; starts and stops both (scripts/test-real-model.sh).
test-real-model: build
	PROMPTGATE_BIN=$(BIN) scripts/test-real-model.sh

bench: release
	bench/run.sh

clean:
	rm -rf .build
