"""The checks against ../shared/reference skip on a developer's checkout without it, but fail in CI."""
import pytest

import config
from tests.reference import reference_dir


@pytest.fixture
def no_reference(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "REFERENCE_DIR", tmp_path / "missing")
    for name in ("CI", "REFERENCE_REQUIRED"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_without_the_reference_a_developer_run_skips(no_reference):
    with pytest.raises(pytest.skip.Exception, match=r"not at .*missing"):
        reference_dir()


@pytest.mark.parametrize("variable", ["CI", "REFERENCE_REQUIRED"])
def test_without_the_reference_ci_fails(no_reference, variable):
    no_reference.setenv(variable, "true")
    with pytest.raises(pytest.fail.Exception, match="CI needs it beside the checkout"):
        reference_dir()


def test_with_the_reference_its_folder_is_returned():
    assert (reference_dir() / "EDITION").is_file()
