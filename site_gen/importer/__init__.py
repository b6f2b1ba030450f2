"""``import``: season articles and results tables into content/, matched against the registries,
verified, written whole or not at all."""
