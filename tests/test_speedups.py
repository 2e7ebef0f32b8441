"""The cached action-response validator accepts and rejects exactly what Rasa's own check does."""
import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

import components  # noqa: F401  (applies the patch)
from components.speedups import _validate_action_result

GOOD = {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"text": "hi"}]}
BAD = [{"events": [{"event": "slot"}]}, {"events": "nope"}, {"responses": [1]}]


def test_patch_is_applied():
    assert RemoteAction._validate_action_result is _validate_action_result


def test_valid_response_passes_like_rasa():
    validate(GOOD, RemoteAction.action_response_format_spec())
    assert RemoteAction(name="a", action_endpoint=None)._validate_action_result(GOOD) is True


@pytest.mark.parametrize("bad", BAD)
def test_invalid_response_fails_like_rasa(bad):
    with pytest.raises(ValidationError):
        validate(bad, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        RemoteAction(name="a", action_endpoint=None)._validate_action_result(bad)


def test_event_lookup_by_type_matches_rasa():
    from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
    from components.speedups import _original_resolve_by_type
    for name, cls in [("user", UserUttered), ("action", ActionExecuted), ("slot", SlotSet)]:
        assert Event.resolve_by_type(name) is cls is _original_resolve_by_type(name)
        assert Event.resolve_by_type(name) is cls  # cached path
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("nope", default=SlotSet) is SlotSet
    with pytest.raises(ValueError):
        Event.resolve_by_type("nope")
