from intlpolicy.cli import run

run()
