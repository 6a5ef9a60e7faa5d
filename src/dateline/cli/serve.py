"""``dateline serve``: the JSON API and the web pages over a database."""

from __future__ import annotations

from pathlib import Path

import click

from dateline.cli.common import db_option, friendly
from dateline.config import Config


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port (0: any free one).")  # fmt: skip
@click.option(
    "--allow-writes",
    is_flag=True,
    help="Open POST /api/v1/articles to holders of the token ($DATELINE_TOKEN, else a token"
    " file created on first use and printed at start).",
)
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Token file (default: ~/.config/dateline/token).",
)
@friendly
def serve(db: str, host: str, port: int, allow_writes: bool, token_file: Path | None) -> None:
    """Serve the database: web pages at / and the JSON API at /api/v1/ (docs: /api/v1/docs).

    Read-only unless --allow-writes; binds loopback unless --host says otherwise.
    """
    from dateline.service.app import ServiceOptions
    from dateline.service.server import serve as run

    options = ServiceOptions(config=Config(db=db), allow_writes=allow_writes)
    run(options, host=host, port=port, token_file=token_file, say=click.echo)
