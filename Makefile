# SPDX-License-Identifier: GPL-3.0-or-later
# `make run` and `make check` do all the set-up on a fresh Debian 12 machine.

BUILD      ?= build
ASAN_BUILD ?= build-asan
MESON      ?= meson
XVFB       ?= xvfb-run -a -s "-screen 0 1400x900x24"

.PHONY: all deps build run check check-build check-asan bench clean

all: build

deps:
	@./build-aux/install-deps.sh

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD)

build: deps $(BUILD)/build.ninja
	$(MESON) compile -C $(BUILD)

# Opens the app on the bundled sample district, in a throwaway database.
run: build
	$(MESON) devenv -C $(BUILD) ./app/gongjian --sample

# Every test (GUI ones under Xvfb), then the non-GUI suites again under
# ASan/UBSan; ends with the line `N passed, N failed`.
check: deps
	@rm -f $(BUILD)/meson-logs/testlog.json $(ASAN_BUILD)/meson-logs/testlog.json
	@{ [ -f $(BUILD)/build.ninja ] && $(MESON) configure $(BUILD) --werror=true; } || $(MESON) setup $(BUILD) --werror
	$(MESON) compile -C $(BUILD)
	-$(XVFB) $(MESON) test -C $(BUILD) --print-errorlogs --num-processes 2
	@{ [ -f $(ASAN_BUILD)/build.ninja ] && $(MESON) configure $(ASAN_BUILD) --werror=true; } || \
	  $(MESON) setup $(ASAN_BUILD) --werror -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
	$(MESON) compile -C $(ASAN_BUILD)
	-$(MESON) test -C $(ASAN_BUILD) --suite unit --print-errorlogs --num-processes 2
	@python3 build-aux/test-summary.py $(BUILD)/meson-logs/testlog.json $(ASAN_BUILD)/meson-logs/testlog.json

bench: build
	$(MESON) test -C $(BUILD) --benchmark --verbose

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
