"""Reading records: finding files, the safe YAML 1.2 parser, positions for findings, git
revisions. Returns records and findings; never prints."""
