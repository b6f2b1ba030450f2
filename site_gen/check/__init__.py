"""``check``: the lints that find what loads but is likely wrong, each at its file:line:col."""
