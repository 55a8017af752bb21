from rdfbib.cli import main

main()
