"""The ``dateline`` command: thin wrappers over :mod:`dateline.api`.

Each command parses options, makes one library call and prints the result;
library errors become one line on stderr (``dateline: error: … [DLnnn]``),
never a traceback. The shared options, error handling and output formats are
in :mod:`dateline.cli.common`; each family of commands has its own module.
"""

from __future__ import annotations

import click

from dateline.cli import (
    entities,
    ingest,
    quotes,
    search,
    serve,
    show,
    stories,
    timeline,
    timex,
    watch,
)  # fmt: skip


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dateline")
def main() -> None:
    """dateline: who said what, when, where — from news articles."""


for _command in (
    ingest.ingest,
    ingest.extract,
    search.search,
    entities.entities,
    show.show,
    quotes.quotes,
    timex.timex,
    stories.stories,
    timeline.timeline,
    serve.serve,
    watch.watch,
):
    main.add_command(_command)

__all__ = ["main"]
