"""Built-in extraction stages; importing this package registers them.

Order of the data flow: ``dateline`` (opening dateline, text only) → ``nlp``
(spaCy) → ``temporal`` → ``entities`` → ``quotes`` → ``events``.
"""

from dateline.stages import dateline, entities, events, nlp, quotes, temporal

__all__ = ["dateline", "entities", "events", "nlp", "quotes", "temporal"]
