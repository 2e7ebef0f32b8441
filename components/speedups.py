"""Server-side speed fixes for Rasa 3.6, applied when the Rasa server loads our NLU components.

RemoteAction validates every action-server response with `jsonschema.validate`, which re-checks the
(large) events schema itself on every call: a py-spy profile of `make bench` traffic showed 56% of the
Rasa process's time there. Here the schema is checked once and a compiled validator is reused: the same
validation, the same error, without the repeated schema check.

Loading a tracker deserialises every event, and `Event.resolve_by_type` walks all Event subclasses for
each one (18% of the time in the next profile). Found classes are remembered by type name; a name not
found goes to Rasa's own lookup, so unknown names, "topic" and defaults behave as before.

Every custom action call sends the whole conversation (every event, as JSON) to the action server; at
the 20th turn that is about 75 KB, and `json.dumps` of it was 7.5% of the Rasa process's time under 20
concurrent conversations. Rasa's HTTP client sessions now encode request bodies with ujson (already a
Rasa dependency; about 3x faster here), with the same JSON text options as `json.dumps`
(ASCII-only, "/" unescaped); anything ujson refuses goes to `json.dumps` as before.
"""
from __future__ import annotations

import functools
import json
from typing import Any, Dict, Text

import aiohttp
import ujson

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event
from rasa.utils.endpoints import EndpointConfig

_original_resolve_by_type = Event.resolve_by_type
_event_classes: Dict[Text, Any] = {}


def _resolve_by_type(type_name: Text, default: Any = None) -> Any:
    cls = _event_classes.get(type_name)
    if cls is None:
        cls = _original_resolve_by_type(type_name, default)
        if cls is not None and cls is not default:
            _event_classes[type_name] = cls
    return cls


@functools.lru_cache(maxsize=1)
def _action_response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    try:
        _action_response_validator().validate(result)
        return True
    except ValidationError as e:
        e.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise e


def dumps(data: Any) -> str:
    """JSON text for an HTTP request body: ujson, or json.dumps for what ujson refuses."""
    try:
        return ujson.dumps(data, ensure_ascii=True, escape_forward_slashes=False)
    except (TypeError, OverflowError, ValueError):
        return json.dumps(data)


_original_session = EndpointConfig.session


def _session(self: EndpointConfig) -> aiohttp.ClientSession:
    session = _original_session(self)
    session._json_serialize = dumps  # what ClientSession(json_serialize=...) sets
    return session


def apply() -> None:
    EndpointConfig.session = _session  # type: ignore[assignment]
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[assignment]
    Event.resolve_by_type = staticmethod(_resolve_by_type)  # type: ignore[assignment]
