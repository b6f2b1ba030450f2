"""Load: content/ read safely as located YAML and Markdown, validated field by field into the
model, with a cache of parsed files."""
