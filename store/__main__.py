import sys

from store.cli import run

sys.exit(run(sys.argv[1:]))
