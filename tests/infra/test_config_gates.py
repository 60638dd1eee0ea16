"""Config validation, the cdk-nag gate, cfn-lint and the dependency-layer cache."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from aws_cdk import App, Stack, Validations
from aws_cdk import aws_sqs as sqs
from cdk_nag import AwsSolutionsChecks, ServerlessChecks
from synth_support import Synth, cdk_context

from infra import layer_build
from infra.app import build_app
from infra.config import CONTEXT_KEY, ConfigError, load_app_config, select_environment

# --- config ------------------------------------------------------------------------------------


def _environments(cdk_json_context: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(cdk_json_context[CONTEXT_KEY])


def test_shipped_environments_validate(cdk_json_context: dict[str, Any]) -> None:
    config = load_app_config(cdk_json_context[CONTEXT_KEY])
    assert set(config.environments) == {"dev", "staging", "prod"}
    assert config.environments["dev"].event_bus.partner_event_source_name is None
    assert config.environments["prod"].removal_policy == "retain"


def test_missing_setting_is_named(cdk_json_context: dict[str, Any]) -> None:
    # Given prod without its alarm subscriptions
    environments = _environments(cdk_json_context)
    del environments["prod"]["alarm_subscriptions"]
    # When the config is loaded / Then the error names the setting by its path
    with pytest.raises(
        ConfigError, match=r"environments\.prod\.alarm_subscriptions: required setting is missing"
    ):
        load_app_config(environments)


@pytest.mark.parametrize(
    ("env_name", "path", "value", "expected"),
    [
        ("dev", ("log_retention_days",), 10, r"environments\.dev\.log_retention_days"),
        (
            "prod",
            ("alarm_subscriptions", "critical"),
            ["not-an-email"],
            r"environments\.prod\.alarm_subscriptions\.critical\.0",
        ),
        ("prod", ("flows", "order_handoff", "mode"), "on", r"environments\.prod\.flows\.order_handoff\.mode"),
        ("staging", ("erp", "odata", "base_url"), None, r"environments\.staging\.erp\.odata\.base_url"),
        ("staging", ("erp", "odata"), None, r"environments\.staging\.erp.*odata"),
        ("prod", ("erp", "odata", "sap"), None, r"environments\.prod\.erp\.odata\.sap"),
        (
            "prod",
            ("erp", "odata", "sap", "sales_organization"),
            "17100",
            r"environments\.prod\.erp\.odata\.sap\.sales_organization",
        ),
        ("prod", ("erp", "odata", "deep_update"), True, r"environments\.prod\.erp\.odata\.deep_update"),
        (
            "dev",
            ("event_bus", "partner_event_source_name"),
            "my-bus",
            r"environments\.dev\.event_bus\.partner_event_source_name",
        ),
        ("dev", ("archive_retention_day",), 7, r"environments\.dev\.archive_retention_day: unknown setting"),
    ],
)
def test_invalid_setting_is_named(
    cdk_json_context: dict[str, Any], env_name: str, path: tuple[str, ...], value: Any, expected: str
) -> None:
    # Given one bad setting
    environments = _environments(cdk_json_context)
    node = environments[env_name]
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    # Then loading fails with its path in the message
    with pytest.raises(ConfigError, match=expected):
        load_app_config(environments)


def test_unknown_or_missing_environment_lists_the_known_ones(cdk_json_context: dict[str, Any]) -> None:
    config = load_app_config(cdk_json_context[CONTEXT_KEY])
    with pytest.raises(ConfigError, match=r"unknown environment 'qa' \(known: dev, prod, staging\)"):
        select_environment(config, "qa")
    with pytest.raises(ConfigError, match=r"-c env=NAME \(known: dev, prod, staging\)"):
        select_environment(config, None)


def test_app_refuses_to_synth_without_the_context_block() -> None:
    with pytest.raises(ConfigError, match="sferp:environments"):
        build_app(context={"env": "dev"})


# --- cdk-nag -----------------------------------------------------------------------------------


def test_synth_has_no_unacknowledged_nag_findings(synths: dict[str, Synth]) -> None:
    # The session fixture synthesized dev and prod with both packs; app.synth() raises on any
    # unacknowledged finding, so getting here means none. Make sure the packs were really on.
    for synth in synths.values():
        manifest = synth.template_path.parent / "validation-report.json"
        # An empty/absent report is what a clean synth leaves; a failure would have raised.
        assert not manifest.exists() or "failure" not in manifest.read_text()


def test_nag_gate_fails_synth_on_a_non_compliant_construct(tmp_path: Path) -> None:
    # Given a scratch app with an unencrypted queue without TLS enforcement or DLQ, and both packs
    app = App(outdir=str(tmp_path))
    stack = Stack(app, "Scratch")
    sqs.Queue(stack, "Leaky", encryption=sqs.QueueEncryption.UNENCRYPTED)
    Validations.of(app).add_plugins(AwsSolutionsChecks(app), ServerlessChecks(app))
    # When it is synthesized / Then synth fails and the report names the findings
    with pytest.raises(Exception, match="ValidationFailed"):
        app.synth()
    report = (tmp_path / "validation-report.json").read_text()
    assert "AwsSolutions-SQS4" in report  # no TLS enforcement
    assert "AwsSolutions-SQS3" in report  # no DLQ


def test_acknowledgements_are_what_keeps_synth_green(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given the real app with every acknowledgement switched off
    import infra.constructs.alarms
    import infra.constructs.functions
    import infra.constructs.queues
    import infra.constructs.secrets

    for module in (
        infra.constructs.alarms,
        infra.constructs.functions,  # every function's and every FIFO consumer's
        infra.constructs.queues,
        infra.constructs.secrets,
    ):
        monkeypatch.setattr(module, "acknowledge", lambda *args, **kwargs: None)
    app, _ = build_app(context=cdk_context("dev"), outdir=str(tmp_path))
    # When it is synthesized / Then the gate fires with the findings the acknowledgements cover
    with pytest.raises(Exception, match="ValidationFailed"):
        app.synth()
    report = (tmp_path / "validation-report.json").read_text()
    for rule in (
        "AwsSolutions-SMG4",
        "AwsSolutions-IAM5",
        "AwsSolutions-L1",
        "Serverless-SQSRedrivePolicy",
        "Serverless-LambdaDLQ",
        "Serverless-LambdaEventSourceMappingDestination",
    ):
        assert rule in report, rule


# --- cfn-lint ----------------------------------------------------------------------------------


def test_cfn_lint_reports_no_errors(synth: Synth) -> None:
    # cfn-lint exit code is a bit mask: 2 = errors, 4 = warnings, 8 = informational.
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "cfn-lint"),
            "--format",
            "parseable",
            "--",
            str(synth.template_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode & 2 == 0, result.stdout + result.stderr
    assert result.returncode in (0, 4, 8, 12), result.stdout + result.stderr


# --- dependency layer --------------------------------------------------------------------------


def test_dependency_layer_is_cached_by_requirements_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a requirements file and a build that pip completes once
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("example==1.0\n")
    calls: list[list[str]] = []

    def fake_pip(command: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        calls.append(command)
        target = Path(command[command.index("--target") + 1])
        (target / "example").mkdir(parents=True)
        (target / "botocore").mkdir()  # arrives transitively; the runtime has it
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(layer_build.subprocess, "run", fake_pip)
    # When it is built twice
    first = layer_build.build_dependency_layer(requirements=requirements, build_root=tmp_path / "build")
    second = layer_build.build_dependency_layer(requirements=requirements, build_root=tmp_path / "build")
    # Then pip ran once, for the Lambda platform, and the runtime-provided packages were dropped
    assert first == second and len(calls) == 1
    assert {"manylinux2014_aarch64", "3.13", "--only-binary=:all:"} <= set(calls[0])
    assert (first / "python" / "example").is_dir()
    assert not (first / "python" / "botocore").exists()
    # And a changed pin builds a new directory
    requirements.write_text("example==2.0\n")
    third = layer_build.build_dependency_layer(requirements=requirements, build_root=tmp_path / "build")
    assert third != first and len(calls) == 2


def test_dependency_layer_pip_failure_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("no-such-wheel==0.0\n")
    monkeypatch.setattr(
        layer_build.subprocess,
        "run",
        lambda command, **_: subprocess.CompletedProcess(command, 1, "", "ERROR: No matching distribution"),
    )
    with pytest.raises(
        layer_build.LayerBuildError, match=r"(?s)pip could not install .*No matching distribution"
    ):
        layer_build.build_dependency_layer(requirements=requirements, build_root=tmp_path / "build")
    # And nothing half-built is left to be mistaken for a cached layer
    assert not any((tmp_path / "build").glob("deps-*/.complete"))


def test_sferp_layer_is_copied_without_bytecode(tmp_path: Path) -> None:
    layer = layer_build.stage_sferp_layer(build_root=tmp_path)
    assert (layer / "python" / "sferp" / "names.py").is_file()
    assert not list(layer.rglob("__pycache__"))
