#!/usr/bin/env python3
"""Thin entry point: ``python build.py [COMMAND ...]`` (default: build content/ into public/)."""

import sys

from site_gen.cli import run

if __name__ == "__main__":
    run(sys.argv[1:])
