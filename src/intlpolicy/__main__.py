from intlpolicy.launch import run

run()
