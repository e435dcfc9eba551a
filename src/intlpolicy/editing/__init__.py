"""Writing files: atomic writes that never replace what they must not (and, later, round-trip
edits of records)."""
