"""The deployment files agree with the code and with each other: docker-compose.yml, the
Caddy config and the Kubernetes manifests set only settings the app reads, and their service
names, ports and paths line up (Docker cannot run here, so this is what keeps them right)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from core.settings import ROOT

K8S = ROOT / "deploy" / "k8s"
SECRET = "delta-expo-secrets"


@cache
def settings_variables() -> frozenset[str]:
    """The environment variables Settings.from_env reads: env.get("X") and env["X"]."""
    names = set()
    for node in ast.walk(ast.parse((ROOT / "core" / "settings.py").read_text("utf-8"))):
        key = None
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "env"
        ):
            key = node.args[0]
        elif isinstance(node, ast.Subscript) and getattr(node.value, "id", None) == "env":
            key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            names.add(key.value)
    return frozenset(names)


@cache
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text("utf-8"))


@cache
def manifests() -> list[dict[str, Any]]:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text("utf-8"))
    documents = []
    for name in kustomization["resources"]:
        documents += [d for d in yaml.safe_load_all((K8S / name).read_text("utf-8")) if d]
    return documents


def manifest(kind: str, name: str) -> dict[str, Any]:
    found = [d for d in manifests() if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(found) == 1, f"{kind}/{name}"
    return found[0]


def container(kind: str, name: str) -> dict[str, Any]:
    (only,) = manifest(kind, name)["spec"]["template"]["spec"]["containers"]
    return only


def option(args: list[str], flag: str) -> str:
    return args[args.index(flag) + 1]


def test_the_settings_read_are_found() -> None:
    assert {"DATABASE_URL", "NLU_URLS", "NLU_TOKEN", "TELEGRAM_WEBHOOK_PORT"} <= (
        settings_variables()
    )


# --- docker compose ------------------------------------------------------------------------
def test_compose_runs_postgres_scalable_nlu_two_workers_and_a_proxy() -> None:
    services = compose()["services"]
    assert set(services) == {"db", "nlu", "app", "web", "proxy"}
    assert services["app"]["deploy"]["replicas"] >= 2
    assert services["web"]["deploy"]["replicas"] >= 2
    assert services["nlu"]["deploy"]["replicas"] >= 2
    # Scaling needs services without fixed host ports or container names.
    for name in ("nlu", "app", "web"):
        assert "ports" not in services[name] and "container_name" not in services[name]
    volume = services["db"]["volumes"][0].split(":")
    assert volume[0] in compose()["volumes"] and volume[1] == "/var/lib/postgresql/data"


def test_compose_workers_set_only_settings_the_app_reads() -> None:
    app = compose()["services"]["app"]["environment"]
    assert set(app) <= settings_variables(), set(app) - settings_variables()
    assert app["NLU_MANAGE"] == "0" and app["TELEGRAM_WEBHOOK_LISTEN"] == "0.0.0.0"
    assert urlsplit(app["TELEGRAM_WEBHOOK_URL"]).scheme == "https"


def test_compose_web_workers_set_only_settings_the_app_reads() -> None:
    web = compose()["services"]["web"]
    env = web["environment"]
    assert set(env) <= settings_variables(), set(env) - settings_variables()
    assert env["NLU_MANAGE"] == "0" and env["WEB_HOST"] == "0.0.0.0"
    assert web["command"][-2:] == ["bot", "web"]
    assert env["WEB_PORT"] in web["expose"]
    # The same secret signs buttons and cookies in every worker of both kinds.
    assert env["CALLBACK_SECRET"] == compose()["services"]["app"]["environment"]["CALLBACK_SECRET"]


@pytest.mark.parametrize("workers", ["app", "web"])
def test_compose_workers_reach_the_nlu_service_and_the_database_by_name(workers: str) -> None:
    services = compose()["services"]
    app = services[workers]["environment"]
    nlu_command = " ".join(services["nlu"]["command"])
    (nlu_url,) = app["NLU_URLS"].split(",")
    assert urlsplit(nlu_url).hostname == "nlu"
    assert urlsplit(nlu_url).port == int(re.search(r"-p (\d+)", nlu_command)[1])
    assert str(urlsplit(nlu_url).port) in services["nlu"]["expose"]
    assert '--auth-token="$$NLU_TOKEN"' in nlu_command  # the token as one argument
    assert app["NLU_TOKEN"].startswith("${NLU_TOKEN")
    assert services["nlu"]["environment"]["NLU_TOKEN"].startswith("${NLU_TOKEN")
    database = urlsplit(app["DATABASE_URL"])
    db = services["db"]["environment"]
    assert (database.hostname, database.port) == ("db", 5432)
    assert database.username == db["POSTGRES_USER"] and database.path == "/" + db["POSTGRES_DB"]
    assert set(services[workers]["depends_on"]) == {"db", "nlu"}


def test_the_proxy_spreads_the_webhook_over_every_worker() -> None:
    services = compose()["services"]
    app = services["app"]["environment"]
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in services["proxy"]["volumes"]
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text("utf-8")
    dynamic = re.search(r"dynamic a \{\s*name (\S+)\s*port (\d+)", caddyfile)
    assert dynamic is not None
    assert dynamic[1] == "app" and dynamic[2] == app["TELEGRAM_WEBHOOK_PORT"]
    assert dynamic[2] in services["app"]["expose"]
    # https://${PUBLIC_HOST...}/telegram: Caddy serves that host and strips that path.
    host, path = re.fullmatch(
        r"https://\$\{(\w+)[^}]*\}(/\S*)", app["TELEGRAM_WEBHOOK_URL"]
    ).groups()
    assert f"handle_path {path}*" in caddyfile
    assert re.search(rf"^\{{\${host}\}} \{{$", caddyfile, re.MULTILINE)
    assert host in services["proxy"]["environment"]


def test_the_proxy_sends_everything_else_to_the_web_chat_workers() -> None:
    services = compose()["services"]
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text("utf-8")
    rest = caddyfile[caddyfile.index("\thandle {") :]
    dynamic = re.search(r"dynamic a \{\s*name (\S+)\s*port (\d+)", rest)
    assert dynamic is not None
    assert dynamic[1] == "web" and dynamic[2] == services["web"]["environment"]["WEB_PORT"]
    assert "web" in services["proxy"]["depends_on"]


# --- Kubernetes ----------------------------------------------------------------------------
def test_every_manifest_is_in_the_kustomization() -> None:
    listed = set(yaml.safe_load((K8S / "kustomization.yaml").read_text("utf-8"))["resources"])
    assert listed == {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}


def test_kubernetes_has_the_same_shape_as_compose() -> None:
    kinds = {(d["kind"], d["metadata"]["name"]) for d in manifests()}
    assert {
        ("Deployment", "nlu"),
        ("Service", "nlu"),
        ("Deployment", "app"),
        ("Service", "app"),
        ("StatefulSet", "postgres"),
        ("Service", "postgres"),
        ("Ingress", "app"),
        ("Deployment", "web"),
        ("Service", "web"),
        ("Ingress", "web"),
        ("ConfigMap", "delta-expo-config"),
    } <= kinds
    assert manifest("Deployment", "web")["spec"]["replicas"] >= 2
    assert manifest("Deployment", "app")["spec"]["replicas"] >= 2
    assert manifest("Deployment", "nlu")["spec"]["replicas"] >= 2
    # Headless: the name resolves to every ready NLU pod, which the client then balances over.
    assert manifest("Service", "nlu")["spec"]["clusterIP"] == "None"
    postgres = manifest("StatefulSet", "postgres")["spec"]
    assert postgres["volumeClaimTemplates"][0]["metadata"]["name"] == "data"


@pytest.mark.parametrize(
    ("service", "workload"),
    [
        ("nlu", "Deployment"),
        ("app", "Deployment"),
        ("web", "Deployment"),
        ("postgres", "StatefulSet"),
    ],
)
def test_each_service_selects_its_pods_and_ports(service: str, workload: str) -> None:
    spec = manifest("Service", service)["spec"]
    labels = manifest(workload, service)["spec"]["template"]["metadata"]["labels"]
    assert spec["selector"].items() <= labels.items()
    ports = {p["containerPort"] for p in container(workload, service)["ports"]}
    assert {p["targetPort"] for p in spec["ports"]} <= ports


def test_kubernetes_workers_set_only_settings_the_app_reads() -> None:
    config = manifest("ConfigMap", "delta-expo-config")["data"]
    app = container("Deployment", "app")
    env = {item["name"]: item for item in app["env"]}
    assert app["envFrom"] == [{"configMapRef": {"name": "delta-expo-config"}}]
    assert set(config) | (set(env) - {"POSTGRES_PASSWORD"}) <= settings_variables()
    assert config["NLU_MANAGE"] == "0" and config["TELEGRAM_WEBHOOK_LISTEN"] == "0.0.0.0"
    secrets = {
        name: item["valueFrom"]["secretKeyRef"] for name, item in env.items() if "valueFrom" in item
    }
    assert {ref["name"] for ref in secrets.values()} == {SECRET}
    assert {"TELEGRAM_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "CALLBACK_SECRET", "NLU_TOKEN"} <= set(
        secrets
    )
    # The password reaches the URL through $(POSTGRES_PASSWORD), defined before it.
    names = [item["name"] for item in app["env"]]
    assert names.index("POSTGRES_PASSWORD") < names.index("DATABASE_URL")
    database = urlsplit(env["DATABASE_URL"]["value"])
    assert database.password == "$(POSTGRES_PASSWORD)" and database.hostname == "postgres"
    assert database.port == manifest("Service", "postgres")["spec"]["ports"][0]["port"]


def test_kubernetes_workers_reach_every_nlu_pod_with_the_shared_token() -> None:
    config = manifest("ConfigMap", "delta-expo-config")["data"]
    nlu = container("Deployment", "nlu")
    (url,) = config["NLU_URLS"].split(",")
    assert urlsplit(url).hostname == "nlu"
    assert urlsplit(url).port == manifest("Service", "nlu")["spec"]["ports"][0]["port"]
    assert option(nlu["args"], "-p") == str(urlsplit(url).port)
    assert "--auth-token=$(NLU_TOKEN)" in nlu["args"]
    (token,) = [item for item in nlu["env"] if item["name"] == "NLU_TOKEN"]
    app_env = {item["name"]: item for item in container("Deployment", "app")["env"]}
    assert token["valueFrom"] == app_env["NLU_TOKEN"]["valueFrom"]


def test_the_ingress_sends_the_webhook_path_to_the_workers() -> None:
    config = manifest("ConfigMap", "delta-expo-config")["data"]
    webhook = urlsplit(config["TELEGRAM_WEBHOOK_URL"])
    (rule,) = manifest("Ingress", "app")["spec"]["rules"]
    (path,) = rule["http"]["paths"]
    assert rule["host"] == webhook.hostname and path["path"] == webhook.path
    backend = path["backend"]["service"]
    assert backend["name"] == "app"
    assert backend["port"]["number"] == manifest("Service", "app")["spec"]["ports"][0]["port"]
    assert str(backend["port"]["number"]) == config["TELEGRAM_WEBHOOK_PORT"]


def test_kubernetes_web_workers_share_the_secrets_and_serve_the_site_root() -> None:
    web = container("Deployment", "web")
    env = {item["name"]: item for item in web["env"]}
    assert set(env) - {"POSTGRES_PASSWORD"} <= settings_variables()
    app_env = {item["name"]: item for item in container("Deployment", "app")["env"]}
    for name in ("CALLBACK_SECRET", "NLU_TOKEN", "POSTGRES_PASSWORD"):
        assert env[name]["valueFrom"] == app_env[name]["valueFrom"]
    assert env["DATABASE_URL"] == app_env["DATABASE_URL"]
    port = int(env["WEB_PORT"]["value"])
    assert web["readinessProbe"]["httpGet"] == {"path": "/healthz", "port": port}
    ingress = manifest("Ingress", "web")
    (rule,) = ingress["spec"]["rules"]
    (path,) = rule["http"]["paths"]
    assert (path["path"], path["pathType"]) == ("/", "Prefix")
    assert path["backend"]["service"] == {"name": "web", "port": {"number": port}}
    assert rule["host"] == manifest("Ingress", "app")["spec"]["rules"][0]["host"]
    # The webhook's rewrite to "/" must not reach the chat's own paths.
    assert "nginx.ingress.kubernetes.io/rewrite-target" not in ingress["metadata"]["annotations"]
    assert (
        ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-buffering"] == "off"
    )


# --- the tools themselves, where installed -------------------------------------------------
DUMMY_SECRETS = {
    "POSTGRES_PASSWORD": "pw",
    "NLU_TOKEN": "token",
    "TELEGRAM_TOKEN": "1:x",
    "TELEGRAM_WEBHOOK_SECRET": "s",
    "CALLBACK_SECRET": "c",
    "PUBLIC_HOST": "expo.example.org",
}


def _tool_command(name: str) -> list[str] | None:
    if name == "compose":
        if shutil.which("docker-compose"):
            return ["docker-compose", "config", "-q"]
        return None
    if name == "caddy" and shutil.which("caddy"):
        return ["caddy", "validate", "--config", "deploy/Caddyfile", "--adapter", "caddyfile"]
    if name == "kustomize" and shutil.which("kubectl"):
        return ["kubectl", "kustomize", "deploy/k8s"]
    return None


@pytest.mark.parametrize("tool", ["compose", "caddy", "kustomize"])
def test_the_tools_accept_the_files(tool: str) -> None:
    command = _tool_command(tool)
    if command is None:
        pytest.skip(f"{tool} is not installed here")
    done = subprocess.run(
        command, cwd=ROOT, env={"PATH": "/usr/bin:/bin:/usr/local/bin", **DUMMY_SECRETS},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
