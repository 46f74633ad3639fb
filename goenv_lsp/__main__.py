from goenv_lsp.cli import main

raise SystemExit(main())
