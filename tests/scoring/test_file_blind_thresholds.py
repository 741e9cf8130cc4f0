"""A PR without file information is read against the model's file-blind thresholds."""

from __future__ import annotations

from types import SimpleNamespace

from bot.scoring import FILE_BLIND_NOTE, ScoreConfig, _result, thresholds_for
from bot.snapshot import FileChange, PRSnapshot

WITH_FILES = {"medium": 0.40, "high": 0.60}
BLIND = {"medium": 0.70, "high": 0.85}
META = {"band_probability_thresholds": WITH_FILES, "band_probability_thresholds_file_blind": BLIND}
BODY = "Retry the upload when the server answers 503, with a capped backoff. " * 3
FILES = PRSnapshot(title="Retry uploads on 503", body=BODY, files=(FileChange(path="up.go", additions=9),))
NO_FILES = PRSnapshot(title="Retry uploads on 503", body=BODY)
COUNT_ONLY = PRSnapshot(title="Retry uploads on 503", body=BODY, files_changed=3)


def test_file_information_is_a_file_list_or_a_file_count():
    assert FILES.has_file_info and COUNT_ONLY.has_file_info and not NO_FILES.has_file_info


def test_the_thresholds_follow_the_file_information():
    assert thresholds_for(FILES, META) == thresholds_for(COUNT_ONLY, META) == (WITH_FILES, False)
    assert thresholds_for(NO_FILES, META) == (BLIND, True)
    assert thresholds_for(NO_FILES, META, ScoreConfig(file_blind_thresholds=False)) == (WITH_FILES, False)
    assert thresholds_for(NO_FILES, {"band_probability_thresholds": WITH_FILES}) == (WITH_FILES, False)  # older models


def _band(snapshot: PRSnapshot, p: float, config: ScoreConfig = ScoreConfig()):
    return _result(snapshot, (), (), p, SimpleNamespace(metadata=META, version="test"), config)


def test_the_same_probability_is_medium_with_files_and_low_without():
    with_files, blind = _band(FILES, 0.5), _band(NO_FILES, 0.5)
    assert (with_files.band, blind.band) == ("medium", "low")
    assert FILE_BLIND_NOTE in blind.notes and FILE_BLIND_NOTE not in with_files.notes
    assert _band(NO_FILES, 0.75).band == "medium"  # the blind medium edge is 0.70


def test_the_config_can_turn_the_file_blind_thresholds_off():
    result = _band(NO_FILES, 0.5, ScoreConfig(file_blind_thresholds=False))
    assert result.band == "medium" and FILE_BLIND_NOTE not in result.notes
