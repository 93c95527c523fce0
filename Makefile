# ave-embed-wasm — the two commands a newcomer needs:
#   make demo   build + serve the demo (http://localhost:8080) and the mock issuer (http://127.0.0.1:8081)
#   make test   every test layer (host, browser, end-to-end), installing what is missing
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

APP_PORT ?= 8080
ISSUER_PORT ?= 8081
THIRD_PORT ?= 8082
WASM := target/wasm32-unknown-unknown/release/ave_embed_wasm.wasm

.PHONY: setup build package demo test test-host test-browser test-e2e test-engines test-states test-app test-wasm-pack leaks bench docs release-check clean \
  build-rust-consumer test-rust-consumer build-yew examples

setup:
	@scripts/setup.sh --browser

build: setup
	cargo build --release --target wasm32-unknown-unknown --features npm-build
	wasm-bindgen --target web --omit-default-module-path --encode-into always --out-dir target/bindgen $(WASM)
	node scripts/dead-table-entries.mjs target/bindgen/ave_embed_wasm_bg.wasm
	wasm-opt -Oz --low-memory-unused --zero-filled-memory --strip-producers --strip-target-features \
	  --flatten --rereloop -Oz --monomorphize -Oz \
	  target/bindgen/ave_embed_wasm_bg.wasm -o target/bindgen/ave_embed_wasm_bg.wasm
	cargo rustc --manifest-path inflate/Cargo.toml --target-dir target --release --target wasm32-unknown-unknown \
	  --crate-type cdylib -- -C link-arg=--export=__heap_base -C link-arg=-zstack-size=65536
	wasm-opt -Oz --strip-debug --strip-producers --strip-target-features target/wasm32-unknown-unknown/release/ave_inflate.wasm -o target/bindgen/ave_inflate.wasm

package: build
	node scripts/package.mjs

demo: package
	APP_PORT=$(APP_PORT) ISSUER_PORT=$(ISSUER_PORT) THIRD_PORT=$(THIRD_PORT) node tests/support/server.mjs

test: setup
	@scripts/test.sh

test-host:
	cargo test
	cargo test --manifest-path inflate/Cargo.toml --target-dir target

test-browser: setup
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
	  cargo test --target wasm32-unknown-unknown

test-e2e: package
	cd examples/react && npm ci --no-audit --no-fund && node build.mjs
	node --test --test-concurrency=1 tests/e2e/

# The example app test alone (also part of `make test`): examples/app-test,
# the demo against ave-embed-wasm/testing installed from dist/npm.
test-app: package
	cd examples/app-test && npm ci --no-audit --no-fund
	node --test --test-concurrency=1 examples/app-test/

# The Rust examples: apps that depend on the crate by path, each its own
# crate and Cargo.lock, built for wasm32 by cargo and bound by the
# wasm-bindgen CLI into their web/pkg. They build in a target directory of
# their own (target/examples): built in target/ as
# a dependency, the crate's cdylib would replace the npm build's
# target/wasm32-unknown-unknown/release/ave_embed_wasm.wasm (without the
# npm-build feature), which the next `make package` would then bundle.
EXAMPLE_TARGET := target/examples
EXAMPLE_WASM := $(EXAMPLE_TARGET)/wasm32-unknown-unknown/release

# examples/rust-consumer: a plain wasm-bindgen app (also the rust-consumer
# layer of `make test`).
build-rust-consumer: setup
	cargo build --release --target wasm32-unknown-unknown --manifest-path examples/rust-consumer/Cargo.toml --target-dir $(EXAMPLE_TARGET)
	wasm-bindgen --target web --out-dir examples/rust-consumer/web/pkg $(EXAMPLE_WASM)/ave_rust_consumer.wasm

test-rust-consumer: package build-rust-consumer
	node --test --test-concurrency=1 examples/rust-consumer/consumer.test.mjs

# examples/yew: a Yew 0.23 component (no trunk: cargo, then wasm-bindgen
# --target web, and a static index.html).
build-yew: setup
	cargo build --release --target wasm32-unknown-unknown --manifest-path examples/yew/Cargo.toml --target-dir $(EXAMPLE_TARGET)
	wasm-bindgen --target web --out-dir examples/yew/web/pkg $(EXAMPLE_WASM)/ave_yew_example.wasm

# Every Rust example, built and driven end to end against the mock issuer
# (not part of `make test`: Yew and its macros are a long build of their own;
# the lint layer does not build it either).
examples: package build-rust-consumer build-yew
	cargo fmt --check --manifest-path examples/yew/Cargo.toml
	cargo clippy --quiet --manifest-path examples/yew/Cargo.toml --target-dir $(EXAMPLE_TARGET) --target wasm32-unknown-unknown -- -D warnings
	node --test --test-concurrency=1 examples/rust-consumer/consumer.test.mjs examples/yew/yew.test.mjs

# The engine matrix alone (also part of `make test`): tests/engines/ in
# Chromium, Firefox ESR and WebKit.
test-engines: package
	for engine in chromium firefox webkit; do ENGINE=$$engine node --test tests/engines/ || exit 1; done

# The page-states layer alone (also part of `make test`): tests/page-states/
# in Chromium, Firefox ESR and WebKit.
test-states: package
	for engine in chromium firefox webkit; do ENGINE=$$engine node --test --test-concurrency=1 tests/page-states/ || exit 1; done

# tests/browser.rs through wasm-pack in the three engines, with the drivers
# of this machine (wasm-pack would otherwise try to download them): Chrome,
# Firefox, and WebKit (Safari's engine, WebKitWebDriver) on a virtual
# display. Needs `cargo install wasm-pack` (docs/testing.md); not part of
# `make test`, which runs the same tests through wasm-bindgen-test-runner.
test-wasm-pack: setup
	@command -v wasm-pack >/dev/null || { echo "wasm-pack is not installed: cargo install wasm-pack"; exit 1; }
	wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver
	wasm-pack test --headless --firefox --geckodriver "$$(command -v geckodriver)" -- --lib --test browser
	xvfb-run -a wasm-pack test --headless --safari --safaridriver /usr/bin/WebKitWebDriver -- --lib --test browser

# Size, start-up, latency, throughput and memory next to a plain-JS baseline;
# fails when a budget of the performance issue is missed. Not part of `make test`.
bench: package
	node bench/bench.mjs

# The API reference: TypeDoc on the package's types (index.d.ts, the CDN
# global, the React hooks, the test kit) and rustdoc of the Rust API, both with warnings as
# errors.
docs: setup
	typedoc --options docs/api/typedoc.json
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --target wasm32-unknown-unknown
	@echo "JavaScript API: target/docs/js/index.html; Rust API: target/wasm32-unknown-unknown/doc/ave_embed_wasm/index.html"

# What a release would publish, checked without publishing: the npm
# tarball's files and sizes, publint and attw, `cargo publish --dry-run`.
release-check: package
	scripts/release-check.sh

# The leak run alone (also part of `make test`): 10 000 open/close cycles of
# every flow, popups included (~10-20 min).
leaks: package
	node --test tests/e2e/leaks.test.mjs

clean:
	rm -rf target/bindgen target/npm-stage dist examples/react/dist examples/rust-consumer/web/pkg examples/yew/web/pkg
