"""Build the Lambda layers without Docker.

* The dependency layer: ``pip install --platform manylinux2014_aarch64 --only-binary=:all:`` into
  ``.build/layers/deps-<hash>/python``. Wheels only, so nothing is compiled on this machine and the
  result matches the Lambda ARM64 / Python 3.13 runtime. The directory name carries a hash of
  ``layers/requirements.txt`` (and of the target platform), so a repeated synth reuses it at once and
  a changed pin builds a fresh one.
* The ``sferp`` package layer: a plain copy of ``layers/sferp/sferp`` into
  ``.build/layers/sferp-<digest>/python/sferp`` (no ``__pycache__``), named by its content.

Run it directly to warm the cache: ``.venv/bin/python -m infra.layer_build``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Final

REPO_ROOT: Final = Path(__file__).resolve().parent.parent
REQUIREMENTS_FILE: Final = REPO_ROOT / "layers" / "requirements.txt"
# The reconciliation function's own layer (DuckDB): built the same way, attached to that function only.
RECONCILIATION_REQUIREMENTS_FILE: Final = REPO_ROOT / "layers" / "requirements-reconciliation.txt"
SFERP_PACKAGE_DIR: Final = REPO_ROOT / "layers" / "sferp" / "sferp"
BUILD_ROOT: Final = REPO_ROOT / ".build" / "layers"

# The Lambda runtime these wheels must load in (see infra/constructs/lambda_defaults.py).
PIP_PLATFORM: Final = "manylinux2014_aarch64"
# DuckDB publishes aarch64 wheels for glibc 2.28+ only. The python3.13 runtime is Amazon Linux 2023
# (glibc 2.34), so manylinux_2_28 wheels load there; the reconciliation layer accepts both tags.
RECONCILIATION_PIP_PLATFORMS: Final = (PIP_PLATFORM, "manylinux_2_28_aarch64")
PIP_PYTHON_VERSION: Final = "3.13"
PIP_IMPLEMENTATION: Final = "cp"
# Provided by the Lambda Python runtime; shipping a second copy only adds ~25 MB and cold-start
# time. They arrive transitively (aws-xray-sdk needs botocore), so they are removed after install.
RUNTIME_PROVIDED: Final = ("boto3", "botocore", "s3transfer")
# Written last: a directory without it is a half-finished build and is rebuilt.
COMPLETE_MARKER: Final = ".complete"


class LayerBuildError(RuntimeError):
    """The dependency layer could not be built (pip failed, or a file is missing)."""


def requirements_hash(
    requirements: Path = REQUIREMENTS_FILE, platforms: tuple[str, ...] = (PIP_PLATFORM,)
) -> str:
    """A short digest of the pins and the target platform: the cache key of the built layer."""
    digest = hashlib.sha256()
    digest.update(requirements.read_bytes())
    digest.update(f"{'|'.join(platforms)}|{PIP_IMPLEMENTATION}|{PIP_PYTHON_VERSION}".encode())
    return digest.hexdigest()[:16]


def build_dependency_layer(
    *,
    requirements: Path = REQUIREMENTS_FILE,
    build_root: Path = BUILD_ROOT,
    python: str = sys.executable,
    name: str = "deps",
    platforms: tuple[str, ...] = (PIP_PLATFORM,),
) -> Path:
    """Return the layer directory (the one holding ``python/``), building it if it isn't cached."""
    if not requirements.is_file():
        raise LayerBuildError(f"dependency layer: requirements file not found: {requirements}")
    layer_dir = build_root / f"{name}-{requirements_hash(requirements, platforms)}"
    if (layer_dir / COMPLETE_MARKER).is_file():
        return layer_dir

    # Build next to the final place and rename, so an interrupted build never looks complete.
    staging = build_root / f"{layer_dir.name}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    target = staging / "python"
    target.mkdir(parents=True)
    command = [
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-compile",  # .pyc built here would be for the wrong interpreter version
        *(option for platform in platforms for option in ("--platform", platform)),
        "--implementation",
        PIP_IMPLEMENTATION,
        "--python-version",
        PIP_PYTHON_VERSION,
        "--only-binary=:all:",
        "--target",
        str(target),
        "-r",
        str(requirements),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise LayerBuildError(
            "dependency layer: pip could not install "
            f"{requirements.relative_to(REPO_ROOT) if requirements.is_relative_to(REPO_ROOT) else requirements}"
            f" for {'+'.join(platforms)}/cp{PIP_PYTHON_VERSION.replace('.', '')} (exit {result.returncode}). "
            "Every pin needs a published wheel for that platform; no source builds are allowed.\n"
            f"pip said:\n{result.stderr.strip() or result.stdout.strip()}"
        )
    _strip_runtime_provided(target)
    (staging / COMPLETE_MARKER).write_text(requirements_hash(requirements, platforms) + "\n")
    shutil.rmtree(layer_dir, ignore_errors=True)
    staging.rename(layer_dir)
    return layer_dir


def build_reconciliation_layer(*, build_root: Path = BUILD_ROOT, python: str = sys.executable) -> Path:
    """The reconciliation function's own layer (the columnar engine's DuckDB)."""
    return build_dependency_layer(
        requirements=RECONCILIATION_REQUIREMENTS_FILE,
        build_root=build_root,
        python=python,
        name="reconciliation",
        platforms=RECONCILIATION_PIP_PLATFORMS,
    )


def layer_size_mib(layer_dir: Path) -> float:
    """Unzipped size of a built layer (Lambda allows 250 MB for a function and its layers)."""
    return sum(p.stat().st_size for p in layer_dir.rglob("*") if p.is_file()) / 2**20


def _strip_runtime_provided(target: Path) -> None:
    for name in RUNTIME_PROVIDED:
        shutil.rmtree(target / name, ignore_errors=True)
        for dist_info in target.glob(f"{name}-*.dist-info"):
            shutil.rmtree(dist_info, ignore_errors=True)
    for cache in target.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)


def stage_sferp_layer(
    *,
    package_dir: Path = SFERP_PACKAGE_DIR,
    build_root: Path = BUILD_ROOT,
) -> Path:
    """Copy the ``sferp`` package into a layer directory and return it (the one holding ``python/``).

    The directory is named by a digest of the package's files, staged under a unique name and
    renamed into place: two synths at once (parallel tests, two terminals) never see a half-copied
    layer, and an unchanged package is not copied again."""
    if not (package_dir / "__init__.py").is_file():
        raise LayerBuildError(f"sferp layer: package not found at {package_dir}")
    files = sorted(
        path
        for path in package_dir.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(package_dir)).encode())
        digest.update(path.read_bytes())
    layer_dir = build_root / f"sferp-{digest.hexdigest()[:16]}"
    if (layer_dir / COMPLETE_MARKER).is_file():
        return layer_dir
    staging = build_root / f"{layer_dir.name}.{os.getpid()}.{time.monotonic_ns()}.tmp"
    shutil.copytree(
        package_dir, staging / "python" / "sferp", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    (staging / COMPLETE_MARKER).write_text(digest.hexdigest() + "\n")
    try:
        staging.rename(layer_dir)
    except OSError:
        # Another synth staged the same content first: use it.
        shutil.rmtree(staging, ignore_errors=True)
    return layer_dir


def main() -> int:
    try:
        deps = build_dependency_layer()
        reconciliation = build_reconciliation_layer()
        sferp = stage_sferp_layer()
    except LayerBuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"dependency layer: {deps.relative_to(REPO_ROOT)}")
    print(
        f"reconciliation:   {reconciliation.relative_to(REPO_ROOT)} ({layer_size_mib(reconciliation):.1f} MiB unzipped)"
    )
    print(f"sferp layer:      {sferp.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
