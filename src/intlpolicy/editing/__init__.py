"""Writing files: atomic writes that never replace what they must not, and round-trip
edits of records (ruamel.yaml: comments, key order and quoting kept)."""
