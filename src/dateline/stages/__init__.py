"""Built-in extraction stages; importing this package registers them.

Order of the data flow: ``dateline`` (opening dateline, text only) → ``nlp``
(spaCy) → ``temporal`` → ``entities`` → ``quotes``. Later stages (events)
register here the same way.
"""

from dateline.stages import dateline, entities, nlp, quotes, temporal

__all__ = ["dateline", "entities", "nlp", "quotes", "temporal"]
