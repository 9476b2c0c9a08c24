import pytest
from django.core.management import CommandError, call_command


def test_an_unknown_export_names_the_ones_available(db):
    with pytest.raises(CommandError) as caught:
        call_command("export", "no-such-thing")
    assert "Unknown export 'no-such-thing'" in str(caught.value)
