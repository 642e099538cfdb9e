# examens: the two set-up commands are `make run` and `make test` (see README.md).
.PHONY: deps build build-asan build-fuzz run test test-asan fuzz bench dataset cluster-demo lighthouse format clean

JOBS ?= $(shell nproc)
CMAKE_FLAGS = -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON

deps:
	./scripts/install-deps.sh

build: deps
	cmake -S . -B build $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build build -j $(JOBS)

build-asan: deps
	cmake -S . -B build-asan $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Debug -DEXAMENS_SANITIZE=ON >/dev/null
	cmake --build build-asan -j $(JOBS) --target unit_tests integration_tests

# The libFuzzer targets of tests/fuzz (docs/decisions/0017-fuzzing.md): clang, ASan+UBSan,
# only the parsing sources; it does not touch the g++ builds.
build-fuzz: deps
	cmake -S . -B build-fuzz $(CMAKE_FLAGS) -DCMAKE_CXX_COMPILER=clang++ -DEXAMENS_FUZZ=ON >/dev/null
	cmake --build build-fuzz -j $(JOBS)

# Serves the demo on http://127.0.0.1:8080 with the embedded SQLite database.
# The demo's clock starts on the day the demo windows were written for (open, closed and
# future ones); DEMO_NOW= (empty) runs on the real time.
DEMO_NOW ?= 2026-11-23 10:00
run: build
	./build/examens init --demo
	EXAMENS_DEMO_NOW="$(DEMO_NOW)" ./build/examens serve

# The fuzz targets for FUZZ_SECONDS each (12 s, tests/fuzz/CMakeLists.txt), unit and
# integration tests under ASan+UBSan, then every test (both storage backends, the browser
# scenario) on the release build: the run ends with CTest's summary.
test: build build-asan build-fuzz
	cd build-fuzz && ctest --output-on-failure -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) -E '^e2e\.'
	cd build && ctest --output-on-failure -j $(JOBS)

# Each fuzz target for FUZZ_SECONDS, two at a time, from the committed seeds; what it finds
# new is kept in build-fuzz/corpus/<target> (outside git) for the next run, crashes land in
# build-fuzz/crash-<target>-* (reproduce: ./build-fuzz/fuzz_<target> <file>).
FUZZ_SECONDS ?= 300
FUZZ_TARGETS = http_request multipart urlencoded cookie catalogue_csv brouillon
fuzz: build-fuzz
	printf '%s\n' $(FUZZ_TARGETS) | xargs -P 2 -I{} ./scripts/fuzz.sh {} $(FUZZ_SECONDS)

# Throughput of the hot pages as ratios to anchors measured in the same run (bench/run.sh).
bench: build
	cmake --build build --target bench_anchors bench_rush
	./bench/run.sh

# The national-scale data set (scripts/dataset.sh, docs/decisions/0022-dataset.md): a
# PostgreSQL cluster of its own on 127.0.0.1, left running, with DATASET_COMPTES accounts
# (1,000,000) and DATASET_CANDIDATURES candidatures (1,500,000); prints its time and size.
dataset: build
	./scripts/dataset.sh

# The production layout on loopback (scripts/cluster.sh, docs/decisions/0023-cluster.md): a
# PostgreSQL 15 primary with its synchronous standby, two instances sharing their files, nginx
# in front of both, the demo data and clock (DEMO_NOW); prints the addresses and accounts and
# runs until Ctrl-C, which stops everything it started.
cluster-demo: build
	DEMO_NOW="$(DEMO_NOW)" ./scripts/cluster.sh demo

# Lighthouse's mobile scores of four pages of the demo (bench/lighthouse.sh).
lighthouse: build
	./bench/lighthouse.sh

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp')

clean:
	rm -rf build build-asan build-fuzz
