"""components/speedups.py: each speed fix gives exactly what Rasa gives without it."""
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


PAYLOAD = {"text": "Can I keep working? \u00e9 \u2014 \U0001F622 <b>&</b> a/b \\ \"q\"", "n": [1, 2.5, -0.1, 1e-7, 10**15],
           "nested": {"none": None, "yes": True, "empty": []}}


def test_request_bodies_are_the_json_rasa_would_send():
    import json
    from components.speedups import dumps
    text = dumps(PAYLOAD)
    assert json.loads(text) == PAYLOAD
    assert text.isascii() and "a/b" in text  # as json.dumps: ASCII only, "/" not escaped
    assert json.loads(dumps({"x": 2 ** 70})) == {"x": 2 ** 70}


def test_what_ujson_refuses_goes_to_json_dumps(monkeypatch):
    import json
    import ujson
    from components.speedups import dumps

    def refuse(*args, **kwargs):
        raise OverflowError("refused")
    monkeypatch.setattr(ujson, "dumps", refuse)
    assert dumps(PAYLOAD) == json.dumps(PAYLOAD)
    with pytest.raises(TypeError):  # what json.dumps cannot encode is still an error
        dumps({"x": object()})


def test_the_action_server_receives_the_same_payload():
    """Through Rasa's own EndpointConfig.request (what RemoteAction calls) to a local receiver."""
    import asyncio
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer
    from rasa.utils.endpoints import EndpointConfig

    from components.speedups import dumps
    received = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"ok": true}')

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint = EndpointConfig(f"http://127.0.0.1:{server.server_port}/webhook")

        async def call():
            async with endpoint.session() as session:
                assert session._json_serialize is dumps
            return await endpoint.request(json=PAYLOAD, method="post")
        reply = asyncio.new_event_loop().run_until_complete(call())
    finally:
        server.shutdown()
    assert reply == {"ok": True}
    assert json.loads(received[0]) == PAYLOAD
