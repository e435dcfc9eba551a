"""Use cases: one module per command's work. Each loads what it needs, decides, and returns a
result object; it never prints, never exits and never imports typer."""
