"""Keep TensorFlow out of processes that do not need it.

thinc (under spaCy) imports TensorFlow at import time if it is installed, which
Rasa's install brings along: ~3 s and hundreds of MB per process. The action
server, the CLI and the lookup service only need spaCy's tokenizer, lemmatizer and
entity_ruler, so they mark TensorFlow as absent before spaCy is first imported.
Never call this inside the Rasa server itself.
"""

from __future__ import annotations

import sys


def block_tensorflow() -> None:
    if "tensorflow" not in sys.modules and "spacy" not in sys.modules:
        sys.modules["tensorflow"] = None  # type: ignore[assignment]  # makes `import tensorflow` raise ImportError
