from baspa.cli import main

main()
