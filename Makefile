# tinsh — thin wrapper around CMake (as neovim does).
#   make run    install what is missing, build, run the main job
#   make test   install what is missing, build, run the whole suite (CTest)
#   make test-asan   the whole suite again under ASan + UBSan (the crash-safety
#                    test with fewer kills, the format check left out: the
#                    plain run has them; keeps CI well under 30 minutes)
#   make bench  benchmarks (figures side by side with peers; needs ../shared/corpora)
#   make bench-scale   growth at 1x and 10x the 35k corpus (bench/scale.sh)
#   make fuzz   libFuzzer targets, FUZZ_SECONDS (60) each (clang; docs/robustness.md)
#   make test-valgrind   C unit tests and representative runs under valgrind
#
# Missing Debian packages are installed with apt-get when running as root;
# otherwise the exact apt-get line is printed and make stops.

BUILD      ?= build
BUILD_ASAN ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

BUILD_PKGS = gcc make cmake pkg-config liblua5.4-dev libsqlite3-dev \
             libreadline-dev libutf8proc-dev libpcre2-dev
TEST_PKGS  = python3 sqlite3 lua5.4 chromium clang-format
BENCH_PKGS = ripgrep python3-nltk hyperfine time python3 sqlite3 lua5.4

BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_PKGS  = clang libclang-rt-14-dev

.PHONY: all build run test test-asan bench bench-scale deps test-deps bench-deps clean \
        fuzz test-valgrind

all: build

deps:
	@sh tests/tools/ensure-packages.sh $(BUILD_PKGS)

test-deps:
	@sh tests/tools/ensure-packages.sh $(BUILD_PKGS) $(TEST_PKGS)

bench-deps:
	@sh tests/tools/ensure-packages.sh $(BUILD_PKGS) $(BENCH_PKGS)

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

run: build
	@$(BUILD)/tinsh run overview --format text 2>/dev/null || true
	@$(BUILD)/tinsh

test: test-deps build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

test-asan: test-deps
	@cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Debug -DTINSH_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD_ASAN) -j$(JOBS)
	@cd $(BUILD_ASAN) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  TINSH_CRASH_DOCS=500 TINSH_CRASH_KILLS=8 TINSH_CRASH_KILLS_REPARSE=3 \
	  TINSH_CRASH_KILLS_FIRST=3 \
	  ctest --output-on-failure -j$(JOBS) -E '^cli/format$$'

bench: bench-deps build
	@bash bench/run.sh $(CURDIR)/$(BUILD)/tinsh

# the growth benchmark at 1x and 10x the 35k corpus (7 minutes on the
# 2-core machine, 2026-12-05, with the 1x copy already made; about 9 GB of disk)
bench-scale: bench-deps build
	@SCALES="1 10" bash bench/scale.sh $(CURDIR)/$(BUILD)/tinsh

fuzz:
	@sh tests/tools/ensure-packages.sh $(BUILD_PKGS) $(FUZZ_PKGS)
	@cmake -S . -B $(BUILD_FUZZ) -DCMAKE_C_COMPILER=clang \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTINSH_FUZZ=ON >/dev/null
	@cmake --build $(BUILD_FUZZ) -j$(JOBS) --target fuzz_all
	@bash tests/fuzz/run.sh $(BUILD_FUZZ) $(FUZZ_SECONDS)

test-valgrind: test-deps build
	@sh tests/tools/ensure-packages.sh valgrind
	@bash tests/valgrind/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ)
