"""Rendering: findings for the terminal, JSON and CI; the yearly report and drafts."""
