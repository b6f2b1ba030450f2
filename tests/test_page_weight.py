"""Pages stay light: HTML + CSS + JS of every 2003-04 page under 60 KB (search index excluded)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "page_weight.py"


def _load():
    spec = importlib.util.spec_from_file_location("page_weight", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_page_under_60_kb(built_site: Path, capsys) -> None:
    weight = _load()
    rows = weight.page_weights(built_site)
    assert len(rows) > 60
    heaviest = rows[0]
    assert heaviest[3] > 0, "the stylesheet and script count towards a page's weight"
    assert weight.main([str(built_site), "--top", "5"]) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert "pages; 0 over 60 KB" in out and heaviest[1] in out
