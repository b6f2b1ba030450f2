"""Outputs without a template: JSON, CSV, feeds, embeds, the search index and share images."""
