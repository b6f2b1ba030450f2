"""What the site publishes: the route table, the one place URLs are computed, the published-URL
guard and links written in Markdown."""
