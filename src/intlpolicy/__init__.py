"""intlpolicy: records, checks and reports for Malmö stad's policy on international work."""

__version__ = "0.1.0"
