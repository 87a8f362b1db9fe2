"""Fixtures for the password-sending tests (the agency settings, `config_envios`, are in tests/conftest.py)."""

import pytest


@pytest.fixture
def smtp_cortes(smtp_sink):
    """The shared SMTP sink; these tests turn its knobs to drop or hold the line (see BuzonSMTP)."""
    return smtp_sink
