"""Rendering routes to bytes: the Jinja environment and its theme folders, one context builder per
page kind, charts and link previews."""
