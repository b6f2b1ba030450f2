"""Python's cycle collector paused while a site is loaded or planned.

Loading allocates hundreds of thousands of small objects that form no cycles (YAML nodes,
results, skaters); the collector would re-scan every live object each time allocations pile up,
and the more that is loaded the longer each scan takes (20 seasons: a third of loading them).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection inside; the collector's state as it was after (nesting is fine)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
