"""``serve``: the dev server on loopback, the file watcher, live reload and the error overlay."""
