"""The follow-up matrix of a conference as CSV: each mandate with its decision's deadline."""

import csv
import io


def test_it_gives_each_mandate_its_decisions_deadline(client, seeded):
    rows = list(csv.reader(io.StringIO(client.get("/conferences/17/implementation.csv").content.decode())))
    mandates = {row[0]: row[4] for row in rows[1:]}
    assert mandates["RCM XVII/8"] == (
        "Technical Secretariat: The Coordinator's renewed contract runs until July 2013 (due 2013-07-31) [Pending]"
    )
    assert mandates["RCM XVII/5"].endswith("(by the next conference) [Pending]")
    assert mandates["RCM XVII/1"] == ""
