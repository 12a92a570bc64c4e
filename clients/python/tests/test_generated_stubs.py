"""The committed protocol stubs equal what scripts/generate.sh produces from protos/ now."""

import filecmp
import subprocess
from pathlib import Path

import pytest

CLIENT = Path(__file__).resolve().parents[1]
COMMITTED = CLIENT / "src" / "rlgym" / "_proto"


def test_generate_committed_stubs_are_current(tmp_path):
    if not (Path("/usr/bin/protoc").exists() and Path("/usr/bin/grpc_python_plugin").exists()):
        pytest.skip("protoc / grpc_python_plugin missing: run clients/python/scripts/install-deps.sh")
    out = tmp_path / "_proto"
    subprocess.run(["bash", str(CLIENT / "scripts" / "generate.sh"), str(out)], check=True, capture_output=True)

    generated = sorted(p.relative_to(out) for p in out.rglob("*.py"))
    committed = sorted(p.relative_to(COMMITTED) for p in COMMITTED.rglob("*.py"))
    assert generated == committed, "stub files differ: run clients/python/scripts/generate.sh and commit"
    stale = [str(rel) for rel in generated if not filecmp.cmp(out / rel, COMMITTED / rel, shallow=False)]
    assert not stale, f"stale stubs {stale}: run clients/python/scripts/generate.sh and commit"


def test_generated_stubs_import_without_the_source_tree_on_path():
    import rlgym._proto.rlgym.v1.environments_pb2 as env_pb
    import rlgym._proto.rlgym.v1.environments_pb2_grpc as env_grpc

    assert env_pb.DESCRIPTOR.package == "rlgym.v1"
    assert hasattr(env_grpc, "EnvironmentsStub")
