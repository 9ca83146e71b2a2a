# Showroom's entry points. `make run` and `make test` are the README's two commands.
CONFIG ?= release
DEMO_LEADS ?= 5000
DATABASE ?= var/showroom.sqlite
PORT ?= 8080

.PHONY: deps build run test test-swift test-e2e bench clean

deps:
	@scripts/install-deps.sh

build: deps
	swift build -c $(CONFIG)

# Sets up everything, fills a demo database on first run, serves on 127.0.0.1:$(PORT).
run: build
	@test -e $(DATABASE) || $$(swift build -c $(CONFIG) --show-bin-path)/showroom demo --leads $(DEMO_LEADS) --database $(DATABASE)
	python3 scripts/stack.py run --port $(PORT) --database $(DATABASE) --configuration $(CONFIG)

# All tests: Swift (domain, parsing, store, in-process pages), then through the real
# FastCGI socket, nginx, SMTP and Chromium.
test: deps test-swift test-e2e

# The import check fails the build when a target imports a module it does not declare
# (e.g. Pages importing FastCGI, which only the command may).
test-swift:
	swift build --build-tests --explicit-target-dependency-import-check error
	swift test --skip-build

test-e2e:
	swift build
	python3 -m pytest -q Tests/e2e

bench: deps
	python3 scripts/bench.py

clean:
	rm -rf .build run
