from pathlib import Path

import pytest

from dxclean.config import Config, ConfigError


def test_overrides_are_typed_and_dotted():
    config = Config().with_overrides({"dedup.threshold": 0.9, "workers": 3, "steps": "encoding, chrome"})
    assert config.dedup.threshold == 0.9
    assert config.workers == 3
    assert config.steps == ("encoding", "chrome")
    assert Config().dedup.threshold == 0.8  # the original is untouched (frozen)


@pytest.mark.parametrize("key,value", [("nope", 1), ("dedup.nope", 1), ("dedup", 1), ("workers", "many"), ("text_mirror", "yes")])
def test_bad_options_are_config_errors(key, value):
    with pytest.raises(ConfigError):
        Config().with_overrides({key: value})


def test_toml_uses_the_same_names(tmp_path: Path):
    path = tmp_path / "dx.toml"
    path.write_text('steps = ["encoding", "dedup"]\nworkers = 1\n[dedup]\nthreshold = 0.7\ncross_doc = "drop"\n')
    config = Config.from_toml(path)
    assert config.steps == ("encoding", "dedup")
    assert config.dedup.threshold == 0.7 and config.dedup.cross_doc == "drop"


def test_broken_toml_is_a_config_error(tmp_path: Path):
    path = tmp_path / "dx.toml"
    path.write_text("steps = [")
    with pytest.raises(ConfigError, match="cannot read config"):
        Config.from_toml(path)
