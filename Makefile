# The README's commands. `make test` and `make demo` install missing Debian packages first when
# run as root, and print the apt-get line to run otherwise.
BUILD    ?= build
JOBS     ?= $(shell nproc)
MAKEFLAGS += --no-print-directory
CMAKE_FLAGS ?=

DEB_PACKAGES := g++ cmake make pkg-config libpoco-dev libboost-dev libboost-filesystem-dev \
                libyaml-cpp-dev catch2 python3 python3-jsonschema python3-yaml sqlite3 openssl

.PHONY: all deps build test demo sanitize clean

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

clean:
	rm -rf $(BUILD) build-asan out .apirunner
