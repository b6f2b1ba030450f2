"""Static site generator for ISU Short Track Speed Skating World Cup statistics."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the project: content/, templates/, static/
TEMPLATES = ROOT / "templates"
STATIC = ROOT / "static"
