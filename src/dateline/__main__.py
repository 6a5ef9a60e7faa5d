"""``python -m dateline`` runs the CLI."""

from dateline.cli import main

main(prog_name="dateline")
