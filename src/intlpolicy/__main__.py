from intlpolicy.cli import main

main()
