"""The preview's cmi5 LMS and LRS over HTTP: the page's launch, the one-time fetch URL, statements, state
documents, the agent profile, refused bodies, and the Host, Origin and token rules on the new routes."""
from __future__ import annotations

import http.client
import json
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, quote

import pytest

from scorm_builder.tools.preview_lrs import ACTOR
from scorm_builder.tools.scaffold import scaffold

CMI5 = "https://w3id.org/xapi/cmi5/"
SESSION_ID = CMI5 + "context/extensions/sessionid"
XAPI = {"X-Experience-API-Version": "1.0.3"}


@pytest.fixture()
def served(tmp_path, monkeypatch, preview_server):
    monkeypatch.chdir(tmp_path)
    course = scaffold("demo", Path("courses")).parent
    preview, base = preview_server(course, "cmi5")
    return preview, base


def call(url: str, method: str = "GET", headers: dict[str, str] | None = None,
         body: bytes | None = None) -> tuple[int, str, bytes]:
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, resp.headers["Content-Type"], resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


def page_token(base: str) -> str:
    html = call(base + "/")[2].decode()
    status = html.split('<script type="application/json" id="preview-status">', 1)[1].split("</script>", 1)[0]
    return json.loads(status)["token"]


def launch(base: str, fresh: bool = False) -> dict[str, str]:
    """The launch parameters the page gets, as the player reads them from its URL."""
    code, _, body = call(base + "/api/cmi5/launch?registration=" + ("new" if fresh else "same"), "POST",
                         {"Origin": base, "X-Preview-Token": page_token(base)})
    assert code == 200, body
    return {k: v[0] for k, v in parse_qs(json.loads(body)["query"]).items()}


def token_of(base: str, params: dict[str, str]) -> str:
    code, _, body = call(params["fetch"], "POST", {"Origin": base})
    assert code == 200, body
    return json.loads(body)["auth-token"]


def au(base: str, params: dict[str, str], token: str, method: str, resource: str, body: bytes | None = None,
       **headers: str) -> tuple[int, str, bytes]:
    """A request as the player's cmi5 adapter sends it: same origin, the version header and the token."""
    sent = {"Origin": base, "Authorization": "Basic " + token, "Content-Type": "application/json", **XAPI, **headers}
    return call(params["endpoint"] + resource, method, {k: v for k, v in sent.items() if v}, body)


def state_query(params: dict[str, str], state_id: str) -> str:
    return ("activities/state?activityId=" + quote(params["activityId"]) + "&agent=" + quote(params["actor"]) +
            "&registration=" + params["registration"] + "&stateId=" + quote(state_id))


def statement(params: dict[str, str], launch_data: dict, verb: str, **extra) -> dict:
    return {"id": extra.pop("id", None) or f"00000000-0000-4000-8000-{len(verb):012d}",
            "actor": json.loads(params["actor"]), "verb": {"id": "http://adlnet.gov/expapi/verbs/" + verb,
                                                           "display": {"en-US": verb}},
            "object": {"id": params["activityId"], "objectType": "Activity"},
            "context": {**launch_data["contextTemplate"], "registration": params["registration"]},
            "timestamp": "2025-01-01T00:00:00.000Z", **extra}


def test_the_launch_points_at_the_preview_and_writes_the_launch_data(served):
    _, base = served
    params = launch(base)
    assert sorted(params) == ["activityId", "actor", "endpoint", "fetch", "registration"]
    assert params["endpoint"] == base + "/xapi/"
    assert params["fetch"].startswith(base + "/cmi5/fetch/")
    assert json.loads(params["actor"]) == ACTOR
    assert params["activityId"].startswith("urn:uuid:")
    token = token_of(base, params)
    code, _, body = au(base, params, token, "GET", state_query(params, "LMS.LaunchData"))
    data = json.loads(body)
    session = data["contextTemplate"]["extensions"][SESSION_ID]
    assert (code, data) == (200, {
        "contextTemplate": {"contextActivities": {"grouping": [
            {"id": "https://scorm-builder.invalid/courses/demo/au", "objectType": "Activity"}]},
            "extensions": {SESSION_ID: session}},
        "launchMode": "Normal", "moveOn": "CompletedAndPassed", "returnURL": base + "/preview/returned",
        "masteryScore": 0.8})
    assert call(base + "/preview/returned")[0] == 200
    prefs = au(base, params, token, "GET", "agents/profile?profileId=cmi5LearnerPreferences&agent="
               + quote(params["actor"]))
    assert (prefs[0], json.loads(prefs[2])) == (200, {"languagePreference": "en", "audioPreference": "on"})
    record = json.loads(call(base + "/api/cmi5")[2])
    assert [s["verb"]["display"]["en-US"] for s in record["statements"]] == ["launched"]
    assert record["launchData"] == data and record["states"] == {"LMS.LaunchData": data}


def test_the_fetch_url_gives_its_token_once_then_the_spec_error(served):
    _, base = served
    params = launch(base)
    token_of(base, params)
    code, ctype, body = call(params["fetch"], "POST", {"Origin": base})
    assert (code, ctype, json.loads(body)) == (403, "application/json", {
        "error-code": "1", "error-text": "The authorization token has already been returned."})
    code, _, body = call(base + "/cmi5/fetch/guessed", "POST", {"Origin": base})
    assert (code, json.loads(body)) == (403, {
        "error-code": "2", "error-text": "Unknown fetch URL; relaunch the course from the preview page."})
    assert call(params["fetch"])[0] == 404  # a GET is not the fetch URL


def test_statements_are_stored_and_listed(served):
    _, base = served
    params = launch(base)
    token = token_of(base, params)
    data = json.loads(au(base, params, token, "GET", state_query(params, "LMS.LaunchData"))[2])
    sent = [statement(params, data, "initialized"),
            statement(params, data, "completed", result={"completion": True, "duration": "PT1M"})]
    code, _, body = au(base, params, token, "POST", "statements", json.dumps(sent).encode())
    assert (code, json.loads(body)) == (200, [sent[0]["id"], sent[1]["id"]])
    # the same statement again is stored once; a different one under a stored id is refused
    assert au(base, params, token, "POST", "statements", json.dumps(sent[0]).encode())[0] == 200
    changed = {**sent[0], "timestamp": "2025-01-02T00:00:00.000Z"}
    assert au(base, params, token, "POST", "statements", json.dumps(changed).encode())[::2] == (
        409, f"a different statement {sent[0]['id']} is stored (xAPI: statements never change)".encode())
    put = statement(params, data, "terminated", id="00000000-0000-4000-8000-00000000abcd")
    assert au(base, params, token, "PUT", "statements?statementId=" + put["id"], json.dumps(put).encode())[0] == 204
    late = statement(params, data, "answered", id="00000000-0000-4000-8000-00000000beef")
    assert au(base, params, token, "POST", "statements", json.dumps(late).encode())[0] == 200
    record = json.loads(call(base + "/api/cmi5")[2])
    assert [(s["verb"]["display"]["en-US"], s.get("result"), s["problem"]) for s in record["statements"]] == [
        ("launched", None, ""), ("initialized", None, ""),
        ("completed", {"completion": True, "duration": "PT1M"}, ""), ("terminated", None, ""),
        ("answered", None, "sent after terminated")]
    assert [(r["method"], r["resource"], r["status"]) for r in record["requests"]] == [
        ("GET", "activities/state", 200), ("POST", "statements", 200), ("POST", "statements", 200),
        ("POST", "statements", 409), ("PUT", "statements", 204), ("POST", "statements", 200)]


def test_state_documents_round_trip(served):
    _, base = served
    params = launch(base)
    token = token_of(base, params)
    own = state_query(params, "scorm-builder.state")
    assert au(base, params, token, "GET", own)[::2] == (404, b"no state document 'scorm-builder.state' yet")
    doc = {"v": 1, "state": "abc", "sent": {"completed": 1}}
    assert au(base, params, token, "PUT", own, json.dumps(doc).encode())[0] == 204
    code, ctype, body = au(base, params, token, "GET", own)
    assert (code, ctype, json.loads(body)) == (200, "application/json", doc)
    assert au(base, params, token, "POST", own, b'{"extra": 2}')[0] == 204
    assert json.loads(au(base, params, token, "GET", own)[2]) == {**doc, "extra": 2}
    assert au(base, params, token, "PUT", state_query(params, "LMS.LaunchData"), b"{}")[::2] == (
        403, b"LMS.LaunchData is written by the LMS; an AU must not change it")
    other = own.replace(params["registration"], "00000000-0000-4000-8000-000000000000")
    assert au(base, params, token, "GET", other)[::2] == (400, b"activityId= and registration= must be the launch's")
    assert json.loads(call(base + "/api/cmi5")[2])["states"]["scorm-builder.state"] == {**doc, "extra": 2}
    # a relaunch keeps the registration and its documents; a new registration starts empty
    again = launch(base)
    assert again["registration"] == params["registration"]
    fresh = launch(base, fresh=True)
    assert fresh["registration"] != params["registration"]
    assert sorted(json.loads(call(base + "/api/cmi5")[2])["states"]) == ["LMS.LaunchData"]


def test_oversized_and_malformed_bodies_are_refused(served):
    from scorm_builder.tools.preview_lrs import MAX_BODY

    _, base = served
    params = launch(base)
    token = token_of(base, params)
    host, port = base[len("http://"):].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    conn.putrequest("POST", "/xapi/statements")
    for name, value in {"Origin": base, "Authorization": "Basic " + token, **XAPI,
                        "Content-Length": str(MAX_BODY + 1)}.items():
        conn.putheader(name, value)
    conn.endheaders()  # the body is never sent: the length alone is refused
    resp = conn.getresponse()
    assert (resp.status, resp.read()) == (413, b"a request body may have at most 1,000,000 bytes")
    conn.close()
    refused = {
        b"{not json": "the body is not JSON (Expecting property name enclosed in double quotes at line 1 column 2)",
        b"\xff": "the body is not UTF-8 text",
        b'{"id": NaN}': "the body is not JSON (NaN is not a JSON number)",
        b"[1]": "statement 0: a statement is a JSON object",
        b'{"actor": {}}': "statement 0: verb, object missing or not an object",
        b'{"actor": {}, "verb": {"id": 3}, "object": {}}': "statement 0: verb.id must be an IRI",
    }
    for body, message in refused.items():
        code, ctype, answer = au(base, params, token, "POST", "statements", body)
        assert (code, ctype, answer.decode()) == (400, "text/plain; charset=utf-8", message), body
    own = state_query(params, "scorm-builder.state")
    assert au(base, params, token, "PUT", own, b"[")[::2] == (
        400, b"the body is not JSON (Expecting value at line 1 column 2)")
    assert au(base, params, token, "GET", own.replace("agent=", "agent=x"))[::2] == (
        400, b"the agent= parameter is not JSON")
    assert au(base, params, token, "GET", "statements")[::2] == (404, b"the preview LRS has no GET statements")


def test_host_origin_and_tokens_hold_for_the_cmi5_routes(served):
    preview, base = served
    params = launch(base)
    port = base.rsplit(":", 1)[1]
    other = f"http://127.0.0.2:{port}"
    for path in ("/api/cmi5", "/xapi/activities/state", "/preview/returned"):
        assert call(base + path, headers={"Host": "rebind.attacker.example:" + port})[0] == 421, path
    # the page's launch needs its Origin and the run's token
    assert call(base + "/api/cmi5/launch", "POST", {"Origin": base, "X-Preview-Token": "guess"})[::2] == (
        403, b"a change needs this run's preview token; reload the preview page")
    # the AU's fetch and writes need the page's Origin; its requests need the fetch URL's token
    assert call(params["fetch"], "POST", {"Origin": other})[::2] == (
        403, b"a change needs a request from the preview page itself (Origin)")
    token = token_of(base, params)
    assert au(base, params, token, "PUT", state_query(params, "x"), b"{}", Origin=other)[0] == 403
    assert au(base, params, token, "POST", "statements", b"{}", Origin="")[0] == 403
    assert au(base, params, "guess", "GET", state_query(params, "LMS.LaunchData"))[::2] == (
        401, b"an xAPI request needs the token of this launch's fetch URL (Authorization: Basic)")
    assert au(base, params, token, "GET", state_query(params, "LMS.LaunchData"),
              **{"X-Experience-API-Version": ""})[::2] == (
        400, b"an xAPI request needs the header X-Experience-API-Version: 1.0.3")
    # a launch while a SCORM package is served is refused
    preview.switch("scorm12")
    assert call(base + "/api/cmi5/launch", "POST", {"Origin": base, "X-Preview-Token": page_token(base)})[::2] == (
        409, b"the preview is not serving a cmi5 package; choose cmi5 first")


# -- launch modes: `preview --mode`, and ?mode= from the panel's Launch mode -----------------------------------
def launch_answer(base: str, query: str) -> tuple[int, bytes]:
    code, _, body = call(base + "/api/cmi5/launch?" + query, "POST", {"Origin": base, "X-Preview-Token": page_token(base)})
    return code, body


@pytest.mark.parametrize(("asked", "mode"), [("browse", "Browse"), ("review", "Review"), ("normal", "Normal"),
                                             ("Review", "Review")])
def test_a_launch_in_each_mode_writes_it_to_the_launch_data_and_launched(served, asked: str, mode: str) -> None:
    preview, base = served
    code, body = launch_answer(base, f"registration=same&mode={asked}")
    assert code == 200, body
    assert json.loads(body)["launchMode"] == mode
    record = preview.lrs.record()
    assert record["launchData"]["launchMode"] == mode
    assert json.loads(preview.lrs.registration.states["LMS.LaunchData"])["launchMode"] == mode
    assert record["statements"][-1]["context"]["extensions"][CMI5 + "context/extensions/launchmode"] == mode


def test_without_a_mode_the_launch_takes_the_preview_default(served) -> None:
    preview, base = served
    preview.lrs.mode = "Browse"  # what `preview --mode browse` sets
    code, body = launch_answer(base, "registration=same")
    assert (code, json.loads(body)["launchMode"]) == (200, "Browse")
    assert launch_answer(base, "registration=same&mode=normal")[0] == 200
    assert preview.lrs.launch_data["launchMode"] == "Normal"


def test_an_unknown_mode_is_refused(served) -> None:
    preview, base = served
    code, body = launch_answer(base, "registration=same&mode=sideways")
    assert (code, body.decode()) == (400, "unknown launch mode 'sideways' (expected one of: normal, browse, review)")
    assert preview.lrs.registration is None  # nothing was launched


def test_the_preview_command_takes_a_mode(runner, tmp_path, monkeypatch) -> None:
    from scorm_builder import cli
    from scorm_builder.tools import preview as preview_module

    seen = {}
    monkeypatch.setattr(preview_module, "serve", lambda *args: seen.update(args=args))
    course = scaffold("demo", tmp_path / "courses").parent
    result = runner.invoke(cli.main, ["preview", str(course), "-s", "cmi5", "--mode", "review", "--no-browser"])
    assert result.exit_code == 0, result.output
    assert seen["args"][2] == "cmi5" and seen["args"][-1] == "Review"
    result = runner.invoke(cli.main, ["preview", str(course), "--mode", "skim"])
    assert result.exit_code == 2
    assert "Invalid value for '--mode': 'skim' is not one of 'normal', 'browse', 'review'." in result.output
