# Takens to Transformers: `make` builds, runs every chapter and renders every figure; `make test` tests.
#
#   make                 deps check, release build, every chapter (standard scale), every figure
#   make ch01 … ch07     one chapter, then its figures        (ARGS="--seed 3 --quick" passes options)
#   make figures         re-render every figure from the data the chapters wrote
#   make test            unit tests and a --quick run of every chapter that checks its claim
#   make test-claims     only the chapter claim tests (CI runs them again under a second compute configuration)
#   make calibrate       every chapter at --quick over 10 seeds and 7 compute configurations → docs/calibration.md
#   make bench           speed: sgemm ceiling, training steps, k-d tree scaling (PyTorch if installed)
#   make book            weave every chapter (text, code, its output, its figures) into build/book/index.html and .md
#   make assignments     write the student release to build/student/ (solutions stubbed, hidden tests removed)
#   make validate        instructor passes every exercise; the student release builds and fails exactly those tests
#   make grade STUDENT=path   score a student's copy in a bubblewrap sandbox (table, TSV, JUnit XML in build/grade/)
#   make clean           remove builds and everything generated (never a file you wrote, never grades)
SHELL := /bin/bash
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

SWIFT   ?= swift
GNUPLOT ?= gnuplot
ARGS    ?=
BIN     := .build/release
CHAPTERS := $(notdir $(wildcard Chapters/[0-9][0-9]-*))
CHNAMES  := $(foreach c,$(CHAPTERS),ch$(firstword $(subst -, ,$(c))))

# Debian's OpenBLAS 0.3.21 does not recognise recent Xeons and falls back to its slowest (Prescott) kernels.
# Naming the core family it *does* know makes sgemm ~3x faster; OpenBLAS reads this when it loads, so it
# must be in the environment before any chapter starts. A value you set yourself wins.
CPU_FLAGS := $(shell cat /proc/cpuinfo 2>/dev/null | grep -m1 '^flags')
ifneq ($(findstring avx512f,$(CPU_FLAGS)),)
  DETECTED_CORETYPE := SkylakeX
else ifneq ($(findstring avx2,$(CPU_FLAGS)),)
  DETECTED_CORETYPE := Haswell
endif
ifneq ($(DETECTED_CORETYPE),)
  export OPENBLAS_CORETYPE ?= $(DETECTED_CORETYPE)
endif
export OPENBLAS_NUM_THREADS ?= 2
# After each call OpenBLAS keeps its helper threads spinning (sched_yield) for ~2^28 cycles in case another call
# comes. Our own kernels run on both cores between BLAS calls (KernelThreads), and a spinning helper took one
# of them away: training steps were up to 1.5x slower, and 3x under load. 4 (the minimum) lets them sleep at once.
export OPENBLAS_THREAD_TIMEOUT ?= 4

.PHONY: all deps build chapters figures test test-claims calibrate bench clean help tool book assignments validate grade $(CHNAMES)

all: deps build chapters figures
	@echo "Done: chapter data in figures/*/data/, figures in figures/*/*.png and .svg"

help:
	@sed -n '2,12p' Makefile

## ── system dependencies ────────────────────────────────────────────────────────────────────────
# fortunes: chapter 7's default English corpus (/usr/share/games/fortunes); elsewhere pass --corpus PATH.
APT_PACKAGES := gnuplot-nox libopenblas-dev liblapacke-dev pkg-config fortunes bubblewrap
FORTUNES_DIR := /usr/share/games/fortunes
BREW_PACKAGES := gnuplot openblas lapack pkg-config

deps:
	@missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="$$missing pkg-config"; \
	command -v $(GNUPLOT) >/dev/null 2>&1 || missing="$$missing gnuplot-nox"; \
	pkg-config --exists openblas 2>/dev/null || missing="$$missing libopenblas-dev"; \
	pkg-config --exists lapacke 2>/dev/null || missing="$$missing liblapacke-dev"; \
	if command -v apt-get >/dev/null 2>&1 && [ ! -d $(FORTUNES_DIR) ]; then missing="$$missing fortunes"; fi; \
	if command -v apt-get >/dev/null 2>&1 && ! command -v bwrap >/dev/null 2>&1; then missing="$$missing bubblewrap"; fi; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "Missing system packages:$$missing"; \
	if command -v apt-get >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo"; else SUDO=none; fi; \
	  if [ "$$SUDO" != none ]; then \
	    echo "Installing them with apt-get …"; \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES) >/dev/null || exit 1; \
	    exit 0; \
	  fi; \
	  echo "error: cannot install without root. Run:  sudo apt-get install -y $(APT_PACKAGES)"; exit 1; \
	fi; \
	echo "error: install them first. Debian/Ubuntu:  sudo apt-get install -y $(APT_PACKAGES)"; \
	echo "                          macOS (Homebrew): brew install $(BREW_PACKAGES)"; \
	exit 1
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "error: no Swift toolchain on PATH (Swift 6.0 or newer: https://www.swift.org/install)"; exit 1; }

## ── build and chapters ─────────────────────────────────────────────────────────────────────────
# Chapters run from release builds: numeric loops are ~10x slower in debug.
build: deps
	$(SWIFT) build -c release

chapters: $(CHNAMES)

# `make ch01`: run chapter 01 at standard scale (ARGS adds options), then render its figures.
define CHAPTER_RULE
$(2): build
	@echo "── $(1) ─────────────────────────────────────────"
	$(BIN)/$(2) $(ARGS)
	@$(MAKE) --no-print-directory figures-$(1)
endef
$(foreach c,$(CHAPTERS),$(eval $(call CHAPTER_RULE,$(c),ch$(firstword $(subst -, ,$(c))))))

## ── figures ─────────────────────────────────────────────────────────────────────────────────────
# One gnuplot script per figure; each reads its chapter's TSVs and writes a PNG and an SVG beside itself.
figures: $(addprefix figures-,$(CHAPTERS))

figures-%: 
	@command -v $(GNUPLOT) >/dev/null 2>&1 || { echo "error: gnuplot not found; run 'make deps' (or: sudo apt-get install -y gnuplot-nox)"; exit 1; }
	@dir=figures/$*; \
	if ! ls $$dir/data/*.tsv >/dev/null 2>&1; then echo "error: no data in $$dir/data; run 'make ch$$(echo $* | cut -c1-2)' first"; exit 1; fi; \
	for gp in $$dir/*.gp; do \
	  [ -e "$$gp" ] || continue; \
	  for ext in png svg; do \
	    $(GNUPLOT) -c $$gp $$dir/data $${gp%.gp}.$$ext || { echo "error: $$gp failed"; exit 1; }; \
	  done; \
	  echo "  rendered $${gp%.gp}.{png,svg}"; \
	done

## ── the course: the woven book, the student release, validation, grading ───────────────────────
# docs/assignments.md explains the exercises' markers and the grading; the tools are `t2t-tool` (Sources/T2TTool).
TOOL       := $(BIN)/t2t-tool
STUDENT    ?=
TIME_LIMIT ?= 60

tool: deps
	$(SWIFT) build -c release --product t2t-tool

# A chapter's page needs its saved output (figures/NN-name/data/output.txt, written by every run) and its figures;
# chapters never run are run first (standard scale, or ARGS="--quick"). Rerun `make chNN` to refresh a page.
book: build
	@for c in $(CHAPTERS); do \
	  if [ ! -f figures/$$c/data/output.txt ]; then $(MAKE) --no-print-directory ch$${c%%-*} || exit 1; \
	  elif ls figures/$$c/*.gp >/dev/null 2>&1 && ! ls figures/$$c/*.svg >/dev/null 2>&1; then \
	    $(MAKE) --no-print-directory figures-$$c || exit 1; fi; \
	done
	$(TOOL) weave --out build/book

assignments: tool
	$(TOOL) assign --out build/student

validate: deps
	$(SWIFT) build -c release --build-tests
	OPENBLAS_NUM_THREADS=1 $(TOOL) validate --out build/student --time-limit $(TIME_LIMIT)

grade:
	@[ -n "$(STUDENT)" ] || { echo "usage: make grade STUDENT=path/to/a/student/copy   (several: STUDENT=\"a b\"; your own work: STUDENT=.)"; exit 2; }
	@$(MAKE) --no-print-directory tool
	OPENBLAS_NUM_THREADS=1 $(TOOL) grade --time-limit $(TIME_LIMIT) $(if $(UNSANDBOXED),--unsandboxed) $(STUDENT)

## ── tests, benchmarks, cleaning ────────────────────────────────────────────────────────────────
# One release build (with tests) serves both the chapters, which the chapter tests run at --quick, and the
# tests themselves; `swift test -c release` alone would rebuild everything with other flags.
# OpenBLAS runs on one thread in the tests unless TEST_BLAS_THREADS says otherwise (the chapters they start inherit it).
TEST_BLAS_THREADS ?= 1
test: deps
	$(SWIFT) build -c release --build-tests
	T2T_BIN_DIR=$(CURDIR)/$(BIN) OPENBLAS_NUM_THREADS=$(TEST_BLAS_THREADS) $(SWIFT) test -c release --skip-build

# The chapter claim tests alone, e.g. under another compute configuration (what .ci/run does second):
#   T2T_SIMD=1 OPENBLAS_CORETYPE=Haswell make test-claims
test-claims: deps
	$(SWIFT) build -c release --build-tests
	T2T_BIN_DIR=$(CURDIR)/$(BIN) OPENBLAS_NUM_THREADS=$(TEST_BLAS_THREADS) $(SWIFT) test -c release --skip-build --filter ChapterTests

# Not part of `make test`: runs every chapter at --quick over seeds 1–10 under every compute configuration this CPU
# can run (about 40 minutes on two cores) and writes docs/calibration.md and docs/calibration-raw.tsv, from which
# the chapter claims' bounds are set. ARGS="--resume" continues an interrupted run; ARGS="--chapters 07" one chapter.
calibrate: build
	$(BIN)/calibrate $(ARGS)

bench: build
	OPENBLAS_NUM_THREADS=$(OPENBLAS_NUM_THREADS) $(BIN)/bench $(ARGS)

# Only what the workspace generated goes: TSVs and output.txt whose first line is a chapter's full provenance line
# (`# t2t chNN NN-name seed=…`), and the PNG/SVG named after a figure script. Anything else you put in figures/ stays,
# and nothing is reached through a link (a data folder that links elsewhere is left alone). In build/book,
# build/student and build/grading-workspace only the files the tools' stamp lists, unchanged since, go (`t2t-tool
# clean`, run before the build that holds it is removed); a file you edited or added there stays.
clean:
	@if [ -x $(TOOL) ]; then $(TOOL) clean; \
	else for d in build/book build/student build/grading-workspace; do \
	  [ -f $$d/.t2t-generated ] && echo "kept $$d: without the tool (make tool) clean cannot tell its files from yours"; \
	done; fi; true
	rm -rf .build
	@for d in figures/*/data; do \
	  [ -d "$$d" ] && [ ! -L "$$d" ] && [ ! -L "$${d%/data}" ] || continue; c=$${d#figures/}; c=$${c%/data}; \
	  for f in "$$d"/*.tsv "$$d"/output.txt; do \
	    [ -f "$$f" ] && [ ! -L "$$f" ] || continue; \
	    head -n 1 "$$f" | grep -Eq "^# t2t ch$${c:0:2} $$c seed=" && rm -f "$$f"; \
	  done; \
	  rmdir "$$d" 2>/dev/null; \
	done; true
	@for gp in figures/*/*.gp; do \
	  [ -L "$$(dirname "$$gp")" ] && continue; \
	  for f in "$${gp%.gp}.png" "$${gp%.gp}.svg"; do [ -f "$$f" ] && [ ! -L "$$f" ] && rm -f "$$f"; done; \
	done; true
