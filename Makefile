# promptgate — build, test and demo. Every target installs missing Debian
# packages first, so a fresh machine with the Swift toolchain is enough.
SWIFT ?= swift
PACKAGES := libcurl4-openssl-dev libyaml-dev libsqlite3-dev libssl-dev pkg-config
BIN := .build/debug/promptgate

.PHONY: deps build release test demo lint bench clean test-real-model

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

test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

lint:
	$(SWIFT) format lint --strict -r Sources Tests

demo: build
	@scripts/demo.sh

# Runs the example suites live against SmolLM2-135M on 127.0.0.1 (builds llama.cpp's
# server in a virtualenv the first time: about 6 minutes). Not part of `make test`.
test-real-model: build
	scripts/local-model.sh start
	$(BIN) run --prompt support@1.2 --provider local; test $$? -le 1
	$(BIN) run --prompt support@1.3 --provider local; test $$? -le 1

bench: release
	bench/run.sh

clean:
	rm -rf .build
