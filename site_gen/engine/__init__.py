"""The build: plan, fingerprint inputs, render on worker processes, write into a staging folder and
swap it in, one build per output at a time."""
