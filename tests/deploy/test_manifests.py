"""The deploy/ files without running anything heavy: Kubernetes manifests against the official
schemas (kubernetes-validate, offline), the Dockerfile's promises, the entrypoint's Streamlit
settings, and the HAProxy config as HAProxy itself parses it."""

from __future__ import annotations

import copy
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
from streamlit import config as st_config

from core.ingest import limits
from deploy import local

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
MANIFESTS = sorted((DEPLOY / "k8s").glob("*.yaml"))
# The oldest and the newest Kubernetes minor versions the validator bundles schemas for.
K8S_VERSIONS = ["1.25.0", kubernetes_validate.utils.latest_version()]


def _documents() -> list[dict]:
    docs = []
    for path in MANIFESTS:
        docs += [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    return docs


def _by_kind(kind: str, name: str = "raadsradar") -> dict:
    found = [d for d in _documents() if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def test_manifests_hold_deployment_service_ingress() -> None:
    assert MANIFESTS, "no Kubernetes manifests under deploy/k8s"
    kinds = {d["kind"] for d in _documents()}
    assert {"Deployment", "Service", "Ingress"} <= kinds


@pytest.mark.parametrize("version", K8S_VERSIONS)
def test_manifests_are_valid_against_the_kubernetes_schemas(version: str) -> None:
    for doc in _documents():
        # strict: unknown fields (typos such as `readinesProbe`) are errors too.
        kubernetes_validate.validate(doc, version, strict=True)


def test_the_validator_rejects_a_broken_deployment() -> None:
    """Guard against a validator that passes everything (e.g. a missing schema)."""
    broken = copy.deepcopy(_by_kind("Deployment"))
    container = broken["spec"]["template"]["spec"]["containers"][0]
    container["readinesProbe"] = container.pop("readinessProbe")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, K8S_VERSIONS[-1], strict=True)
    broken = copy.deepcopy(_by_kind("Deployment"))
    broken["spec"]["replicas"] = "three"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, K8S_VERSIONS[-1], strict=True)


def test_deployment_probes_health_and_runs_as_non_root() -> None:
    deployment = _by_kind("Deployment")
    pod = deployment["spec"]["template"]["spec"]
    container = pod["containers"][0]
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert container[probe]["httpGet"]["path"] == "/_stcore/health"
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    resources = container["resources"]
    assert set(resources) == {"requests", "limits"}
    env = {e["name"]: e for e in container["env"]}
    # Every pod gets the same cookie secret, from a Secret (never a literal in the manifest).
    assert "secretKeyRef" in env["RAADSRADAR_COOKIE_SECRET"]["valueFrom"]
    assert deployment["spec"]["replicas"] >= 2
    labels = pod and deployment["spec"]["template"]["metadata"]["labels"]
    assert _by_kind("Service")["spec"]["selector"].items() <= labels.items()


def test_ingress_has_cookie_affinity_and_websocket_timeouts() -> None:
    ingress = _by_kind("Ingress")
    notes = ingress["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    assert int(notes["nginx.ingress.kubernetes.io/proxy-send-timeout"]) >= 3600
    assert notes["nginx.ingress.kubernetes.io/proxy-body-size"] == "50m"
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == _by_kind("Service")["metadata"]["name"]


def test_dockerfile_promises() -> None:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim\b", text, re.M)
    assert re.search(r"apt-get install[^\n]*\bchromium\b", text)
    assert "pip install -r /app/requirements.txt" in text
    user = re.findall(r"^USER (\S+)", text, re.M)
    assert user and user[-1] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*\n?.*?/_stcore/health", text, re.M)
    assert re.search(r'^ENTRYPOINT \["/app/deploy/entrypoint.sh"\]', text, re.M)
    # Everything the app imports or reads is copied into the image.
    copied = set(re.findall(r"^COPY (\S+) ", text, re.M))
    for needed in ("dashboard.py", ".streamlit", "components", "core", "pages", "data", "deploy"):
        assert needed in copied, f"{needed} is not copied into the image"
    assert "chmod -R a-w /app/data" in text


def _entrypoint_flags() -> dict[str, str]:
    text = (DEPLOY / "entrypoint.sh").read_text(encoding="utf-8")
    command = text[text.index('exec "$PYTHON" -m streamlit run') :].replace("\\\n", " ")
    words = shlex.split(command.splitlines()[0])
    flags = {}
    for i, word in enumerate(words):
        if word.startswith("--"):
            flags[word[2:]] = words[i + 1]
    return flags


def test_entrypoint_runs_streamlit_behind_one_origin() -> None:
    flags = _entrypoint_flags()
    known = st_config.get_config_options()
    assert known, "streamlit config options not loaded"
    for name in flags:
        assert name in known, f"entrypoint sets unknown Streamlit option {name}"
    assert flags["server.headless"] == "true"
    assert flags["browser.gatherUsageStats"] == "false"
    assert flags["server.enableCORS"] == "true"
    assert flags["server.enableXsrfProtection"] == "true"
    assert int(flags["server.maxUploadSize"]) * 1024 * 1024 == limits.MAX_BYTES
    text = (DEPLOY / "entrypoint.sh").read_text(encoding="utf-8")
    assert "STREAMLIT_SERVER_COOKIE_SECRET" in text


def test_proxy_config_renders_and_haproxy_accepts_it(tmp_path: Path) -> None:
    config = local.render_config(
        "127.0.0.1:8500", [("r1", "127.0.0.1:9001"), ("r2", "127.0.0.1:9002")]
    )
    assert "${" not in config
    assert "server r1 127.0.0.1:9001 cookie r1" in config
    assert re.search(r"^\s*cookie RAADSRADAR_REPLICA insert", config, re.M)
    assert "option httpchk GET /_stcore/health" in config
    assert re.search(r"^\s*timeout tunnel 1h", config, re.M)
    assert re.search(r"^\s*compression algo gzip", config, re.M)
    binary = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(binary).exists():
        pytest.fail("haproxy is not installed (.ci/run installs Debian's haproxy package)")
    path = tmp_path / "haproxy.cfg"
    path.write_text(config, encoding="utf-8")
    check = subprocess.run([binary, "-c", "-f", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_team_workspace_database_comes_from_a_secret_and_postgres_keeps_its_data() -> None:
    container = _by_kind("Deployment")["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e for e in container["env"]}
    # One database for all pods, its URL (with the password) from a Secret, never a literal.
    assert env["RAADSRADAR_DATABASE_URL"]["valueFrom"]["secretKeyRef"] == {
        "name": "raadsradar-db",
        "key": "url",
    }
    # Sign-in settings: an optional Secret mounted where STREAMLIT_SECRETS_FILES points.
    pod = _by_kind("Deployment")["spec"]["template"]["spec"]
    auth = next(v for v in pod["volumes"] if v["name"] == "auth")["secret"]
    assert auth["secretName"] == "raadsradar-auth" and auth["optional"] is True
    mount = next(m for m in container["volumeMounts"] if m["name"] == "auth")
    assert env["STREAMLIT_SECRETS_FILES"]["value"] == mount["mountPath"] + "/secrets.toml"
    database = _by_kind("StatefulSet", "raadsradar-db")
    assert database["spec"]["volumeClaimTemplates"][0]["metadata"]["name"] == "data"
    db_env = {e["name"]: e for e in database["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert "secretKeyRef" in db_env["POSTGRES_PASSWORD"]["valueFrom"]
    service = _by_kind("Service", "raadsradar-db")
    assert service["spec"]["ports"][0]["port"] == 5432
    assert service["spec"]["selector"].items() <= (
        database["spec"]["template"]["metadata"]["labels"].items()
    )


def test_the_entrypoint_migrates_a_hosted_database_before_serving() -> None:
    text = (DEPLOY / "entrypoint.sh").read_text(encoding="utf-8")
    migrate = text.index("-m core.workspace migrate")
    assert migrate < text.index('exec "$PYTHON" -m streamlit run')
    # A database that is down does not stop the app from starting.
    assert "|| echo" in text[migrate : migrate + 200]


# --- Security headers (issue 23 item 4) ---------------------------------------------------------


def test_proxy_config_sends_every_security_header() -> None:
    from components import csp

    config = local.render_config("127.0.0.1:8500", [("r1", "127.0.0.1:9001")])
    sent = dict(re.findall(r'^\s*http-response set-header (\S+) "([^"]*)"$', config, re.M))
    assert sent == csp.headers()
    assert sent["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'self'" in sent["Content-Security-Policy"]
    assert sent["X-Frame-Options"] == "SAMEORIGIN" and sent["Referrer-Policy"]


def test_ingress_sends_the_same_security_headers() -> None:
    from components import csp

    snippet = _by_kind("Ingress")["metadata"]["annotations"][
        "nginx.ingress.kubernetes.io/configuration-snippet"
    ]
    assert snippet.strip() == csp.ingress_snippet(), (
        "the Ingress's headers differ from components.csp (an inline script changed?): "
        "paste the output of `python -m components.csp --ingress` into deploy/k8s"
    )


def test_the_policy_is_strict_where_streamlit_allows_it() -> None:
    from components import csp

    directives = dict(d.split(" ", 1) for d in csp.policy().split("; "))
    script = directives["script-src"]
    # Inline scripts by hash only (Streamlit's index.html and the app's own), never by keyword.
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    hashes = re.findall(r"'sha256-[A-Za-z0-9+/=]+'", script)
    assert len(hashes) == len(csp.streamlit_scripts()) + len(csp.inline_scripts()) >= 2
    assert directives["object-src"] == "'none'" and directives["default-src"] == "'self'"
    assert not [v for v in directives.values() if "*" in v or "http" in v]


def test_every_inline_script_of_the_app_is_in_the_policy() -> None:
    """Each <script> written in the app's code has its hash in the proxy's CSP: a script the
    policy lacks is blocked behind the proxy only (the return after sign-in was, once). A
    template (with __PLACEHOLDERS__) counts as its module's script() output."""
    import ast
    import importlib

    from components import csp

    root = Path(__file__).resolve().parents[2]
    policy = csp.policy()
    found = []
    for path in sorted((root / "components").rglob("*.py")):
        if path.name == "csp.py":
            continue
        module = ".".join(path.relative_to(root).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for body in csp._SCRIPT.findall(node.value):
                    if re.search(r"__[A-Z_]+__", body):
                        body = csp._SCRIPT.findall(importlib.import_module(module).script())[0]
                    found.append((module, body))
    assert len(found) >= 6
    missing = [name for name, body in found if f"'{csp.script_hash(body)}'" not in policy]
    assert missing == []
