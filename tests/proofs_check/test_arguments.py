"""The PARAMS.json reader and the command-line counts: one line for every bad input."""
import argparse
import json

import pytest

from proofs_check.arguments import MAX_PARAMS_BYTES, MAX_PARAMS_DEPTH, count, read_json_object


def write(tmp_path, text: str) -> str:
    path = tmp_path / "params.json"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("text, message", [
    ("[" * 100_000, f"nested deeper than {MAX_PARAMS_DEPTH} levels"),   # json.loads would recurse 100,000 deep
    ('{"alpha": ' + "9" * 5000 + "}", "a JSON number too long to read"),  # int() refuses 4,300+ digits
    ('{"alpha": true}', '"alpha" is the JSON boolean true'),
    ('{"alpha": 3}', '"alpha" is the JSON number 3'),
    ('{"alpha": null}', '"alpha" is null'),
    ('["alpha"]', "expected a JSON object of parameters, got a list"),
    ('{"alpha": "3",}', "not valid JSON"),
])
def test_bad_files_are_one_line_naming_the_file(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ValueError) as info:
        read_json_object(path)
    assert str(info.value).startswith(path) and message in str(info.value) and "\n" not in str(info.value)


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path):
    data = {"g": ["((((((((((n_1))))))))))", '[[[[[[[[[[ {{{{{{{{{ \\" ]]']}  # an escaped quote too
    assert read_json_object(write(tmp_path, json.dumps(data))) == data


def test_devices_and_huge_files_are_refused_before_reading(tmp_path):
    with pytest.raises(ValueError, match="/dev/zero: not a regular file"):
        read_json_object("/dev/zero")  # reading it would never end
    big = tmp_path / "big.json"
    big.write_bytes(b'{"a": "' + b"1" * (MAX_PARAMS_BYTES + 10) + b'"}')
    with pytest.raises(ValueError, match=f"larger than {MAX_PARAMS_BYTES} bytes"):
        read_json_object(str(big))


@pytest.mark.parametrize("text", ["1_000", "\u0661\u0662", "1 2", "99999999999999999999999999999999999", "-1", "x"])
def test_counts_read_ascii_integers_in_range_only(text):
    parse = count("dps", 15, 200)
    with pytest.raises(argparse.ArgumentTypeError, match=r"^--dps=.*: must be an integer from 15 to 200$"):
        parse(text)
    assert parse(" 50 ") == 50
