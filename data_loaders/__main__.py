import sys

from data_loaders.cli import run

sys.exit(run(sys.argv[1:]))
