# The README's commands. `make test` and `make demo` install missing Debian packages first when
# run as root, and print the apt-get line to run otherwise.
BUILD    ?= build
JOBS     ?= $(shell nproc)
MAKEFLAGS += --no-print-directory
CMAKE_FLAGS ?=

DEB_PACKAGES := g++ cmake make pkg-config libpoco-dev libboost-dev libboost-filesystem-dev \
                libyaml-cpp-dev libhowardhinnant-date-dev libsimdjson-dev libsqlite3-dev tzdata \
                catch2 python3 python3-jsonschema python3-yaml python3-croniter \
                python3-prometheus-client sqlite3 openssl clang-format

.PHONY: all deps build test demo sanitize fuzz bench format clean

all: build

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:" $$missing; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing packages; run as root:"; \
	    echo "  apt-get install -y $$missing"; exit 1; \
	  fi; \
	fi

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize:
	$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DAPIRUNNER_SANITIZE=ON -DAPIRUNNER_NO_GNU_UNIQUE=ON"

# libFuzzer (clang) on the config loader and on page parsing with every paginator, for
# FUZZ_SECONDS each. A crash is saved under build-fuzz/crashes/; copy it to
# tests/fuzz/regressions/<target>/, where the unit tests replay it, and fix the code.
FUZZ_SECONDS ?= 60
fuzz: deps
	@command -v clang++ >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq clang >/dev/null; } || \
	  { echo "clang is needed: apt-get install -y clang"; exit 1; }
	cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DAPIRUNNER_FUZZ=ON -DAPIRUNNER_TESTS=OFF >/dev/null
	cmake --build build-fuzz -j $(JOBS) --target config_fuzzer page_fuzzer
	@for t in config page; do \
	  mkdir -p build-fuzz/corpus/$$t build-fuzz/crashes; \
	  echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  build-fuzz/bin/$${t}_fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix=build-fuzz/crashes/$$t- build-fuzz/corpus/$$t tests/fuzz/corpus/$$t \
	    2>build-fuzz/$$t.log || { tail -40 build-fuzz/$$t.log; \
	      echo "the $$t fuzzer crashed: see build-fuzz/crashes/"; exit 1; }; \
	  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" build-fuzz/$$t.log; \
	done

# apirunner against its peers (bench/README.md): a Release build, nginx serving the pages,
# the Python script a user would write, curl (the fetch floor), the SQLite C API (its floor).
# BENCH_RECORDS=100000 BENCH_MEMORY_RECORDS=100000 for a quicker run (0 leaves the memory runs out).
BENCH_PACKAGES := nginx-light python3-requests libsqlite3-dev curl
BENCH_RECORDS ?= 1000000
BENCH_MEMORY_RECORDS ?= 5000000
bench: deps
	@$(MAKE) deps DEB_PACKAGES="$(BENCH_PACKAGES)"
	cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build build-bench -j $(JOBS) --target apirunner apirunner-sandbox apirunner_bearer apirunner_mediamath apirunner_basic
	mkdir -p build-bench/bench
	g++ -std=c++17 -O2 bench/sqlite_floor.cpp -lsqlite3 -o build-bench/bench/sqlite_floor
	/usr/bin/python3 bench/run.py build-bench --records $(BENCH_RECORDS) --memory-records $(BENCH_MEMORY_RECORDS)

# Rewrites every C++ file to .clang-format; `make test` fails on drift (scripts/check_format.sh).
format:
	find runner plugins tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD) build-asan build-fuzz build-bench out .apirunner
