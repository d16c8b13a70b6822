def test_pages_forbid_scripts_and_other_hosts(client, seeded):
    policy = client.get("/conferences/17/declaration/")["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "style-src 'self'" in policy
    assert "script-src 'self'" in policy  # the site's own script files only: no other host
    assert "unsafe-inline" not in policy  # and no inline script
    assert "frame-ancestors 'none'" in policy


def test_404_pages_carry_the_policy_too(client, db):
    assert "default-src 'none'" in client.get("/conferences/999/")["Content-Security-Policy"]


def test_pages_are_not_framed_or_sniffed(client, db):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
