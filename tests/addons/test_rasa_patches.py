"""addons/rasa_patches.py: applied explicitly (addons/serve.py), version-checked, and the
patched functions behave as Rasa's own. Run in a subprocess: it imports Rasa itself."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.servers import ROOT, base_env

SCRIPT = textwrap.dedent("""
    import jsonschema, pytest
    import rasa
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event, SlotSet
    from addons import rasa_patches

    before = RemoteAction._validate_action_result
    resolve = Event.resolve_by_type
    rasa_patches.apply()
    assert RemoteAction._validate_action_result is not before
    assert Event.resolve_by_type is not resolve
    rasa_patches.apply()  # idempotent

    action = RemoteAction("action_answer", None)
    assert action._validate_action_result({"events": [], "responses": []})
    with pytest.raises(jsonschema.ValidationError):
        action._validate_action_result({"events": "not a list"})
    assert Event.resolve_by_type("slot") is SlotSet
    with pytest.raises(ValueError):
        Event.resolve_by_type("no-such-event")

    rasa_patches._APPLIED = False
    rasa.__version__ = "4.0.0"
    with pytest.raises(rasa_patches.UnsupportedRasa):
        rasa_patches.apply()
    print("ok")
""")


def test_patches_apply_explicitly_keep_behaviour_and_check_the_version() -> None:
    r = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=base_env(), capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 0 and r.stdout.strip().endswith("ok"), r.stderr[-3000:]


def test_importing_the_patches_changes_nothing() -> None:
    code = (
        "from rasa.core.actions.action import RemoteAction; f = RemoteAction._validate_action_result; "
        "import addons.rasa_patches, addons.serve; assert RemoteAction._validate_action_result is f; print('ok')"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=base_env(), capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 0 and r.stdout.strip().endswith("ok"), r.stderr[-3000:]
