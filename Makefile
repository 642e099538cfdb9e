# examens: the two set-up commands are `make run` and `make test` (see README.md).
.PHONY: deps build build-asan run test test-asan bench lighthouse format clean

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

# Serves the demo on http://127.0.0.1:8080 with the embedded SQLite database.
# The demo's clock starts on the day the demo windows were written for (open, closed and
# future ones); DEMO_NOW= (empty) runs on the real time.
DEMO_NOW ?= 2026-11-23 10:00
run: build
	./build/examens init --demo
	EXAMENS_DEMO_NOW="$(DEMO_NOW)" ./build/examens serve

# Unit and integration tests under ASan+UBSan first, then every test (both storage
# backends, the browser scenario) on the release build: the run ends with CTest's summary.
test: build build-asan
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) -E '^e2e\.'
	cd build && ctest --output-on-failure -j $(JOBS)

# Throughput of the hot pages as ratios to anchors measured in the same run (bench/run.sh).
bench: build
	cmake --build build --target bench_anchors
	./bench/run.sh

# Lighthouse's mobile scores of four pages of the demo (bench/lighthouse.sh).
lighthouse: build
	./bench/lighthouse.sh

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp')

clean:
	rm -rf build build-asan
