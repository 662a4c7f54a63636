from termsense.cli import main

raise SystemExit(main())
