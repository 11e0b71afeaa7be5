"""Two performance fixes for Rasa 3.6, applied explicitly at start-up by addons/serve.py
(``python -m addons.serve run ...`` is ``rasa run ...`` with these applied first).

Found by profiling the server under load (py-spy); behaviour is unchanged.

1. Rasa validates every action-server response with ``jsonschema.validate(result, spec)``,
   which first checks the *schema itself* against the JSON-Schema meta-schema, on every
   message (~60 % of the server's time). The spec is a constant: we build its validator
   once and keep validating every response with it (same checks, same error).
2. Loading a conversation deserialises each stored event with ``Event.resolve_by_type``,
   which walks all subclasses of ``Event`` for every event (~20 %). We memoise the
   name -> class lookup for names Rasa resolved once; anything else goes to Rasa's own
   code, so unknown names still raise as before.
"""

from __future__ import annotations

import functools
from typing import Any

_APPLIED = False
SUPPORTED = ("3.6.",)  # written against Rasa 3.6's internals; anything else is refused


class UnsupportedRasa(RuntimeError):
    pass


@functools.lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    spec = RemoteAction.action_response_format_spec()
    cls = validator_for(spec)
    cls.check_schema(spec)  # once
    return cls(spec)


def apply() -> None:
    global _APPLIED
    if _APPLIED:
        return
    import rasa

    if not str(rasa.__version__).startswith(SUPPORTED):
        raise UnsupportedRasa(f"addons/rasa_patches.py supports Rasa {SUPPORTED}, not {rasa.__version__}")
    from jsonschema import ValidationError
    from rasa.core.actions.action import RemoteAction

    def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        try:
            _validator().validate(result)
            return True
        except ValidationError as e:
            e.message += ". Failed to validate Action server response from API."
            raise e

    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    _memoise_event_types()
    _APPLIED = True


def _memoise_event_types() -> None:
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
    known: dict[str, Any] = {}

    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        cls = known.get(type_name)
        if cls is None:
            cls = original(type_name, default)
            if cls is not None and cls is not default:
                known[type_name] = cls
        return cls

    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign]
