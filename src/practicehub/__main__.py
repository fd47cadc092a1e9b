from practicehub.cli import main

main()
