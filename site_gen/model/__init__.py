"""The model: frozen dataclasses of the site (seasons, stops, races, skaters), slugs, and the
statistics derived from them."""
