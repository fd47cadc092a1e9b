"""Settings read from the environment fail loudly on values they cannot use."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from practicehub.env import env_bool, env_int


def test_a_bad_boolean_is_an_error(monkeypatch):
    monkeypatch.setenv("DEBUG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='perhaps' is not a boolean"):
        env_bool("DEBUG")


def test_a_bad_integer_is_an_error(monkeypatch):
    monkeypatch.setenv("PRACTICEHUB_MAX_FILE_BYTES", "50MB")
    with pytest.raises(ImproperlyConfigured, match="is not an integer"):
        env_int("PRACTICEHUB_MAX_FILE_BYTES", 1)


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    from practicehub.env import env_str

    secret = tmp_path / "key"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    assert env_str("SECRET_KEY") == "from-a-file"
