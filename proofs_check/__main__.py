"""`python -m proofs_check`: the cityproofs command line."""
from .cli import main

raise SystemExit(main())
