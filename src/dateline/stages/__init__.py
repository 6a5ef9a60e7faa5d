"""Built-in extraction stages; importing this package registers them.

Order of the data flow: ``dateline`` (opening dateline, text only) → ``nlp``
(spaCy) → ``entities``. Later stages (temporal, quotes, events) register here
the same way.
"""

from dateline.stages import dateline, entities, nlp, quotes, temporal

__all__ = ["dateline", "entities", "nlp", "quotes", "temporal"]
