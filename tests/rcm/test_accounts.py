import lxml.html
import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "password"
    path.write_text("Puebla-1996-Process\n", encoding="utf-8")
    return path


class TestAddUser:
    @pytest.mark.parametrize("role", ["editor", "publisher", "delegate"])
    def test_it_creates_an_account_with_its_role(self, db, password_file, role, capsys):
        call_command("adduser", "maria", "--role", role, "--password-file", str(password_file))
        user = User.objects.get(username="maria")
        assert [group.name for group in user.groups.all()] == [role]
        assert user.check_password("Puebla-1996-Process")
        assert f"Created maria as {role}." in capsys.readouterr().out

    def test_it_asks_for_the_password_twice(self, db, monkeypatch):
        answers = iter(["Puebla-1996-Process", "Puebla-1996-Process"])
        monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
        call_command("adduser", "juan", "--role", "delegate")
        assert User.objects.get(username="juan").check_password("Puebla-1996-Process")

    def test_it_refuses_two_different_passwords(self, db, monkeypatch):
        answers = iter(["Puebla-1996-Process", "Puebla-1996-Proces"])
        monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
        with pytest.raises(CommandError, match="The two passwords differ"):
            call_command("adduser", "juan", "--role", "delegate")
        assert not User.objects.exists()

    def test_it_refuses_a_weak_password(self, db, tmp_path):
        weak = tmp_path / "weak"
        weak.write_text("password\n")
        with pytest.raises(CommandError, match="too common"):
            call_command("adduser", "juan", "--role", "editor", "--password-file", str(weak))
        assert not User.objects.exists()

    def test_it_refuses_a_taken_name_and_an_unknown_role(self, db, password_file):
        call_command("adduser", "maria", "--role", "editor", "--password-file", str(password_file))
        with pytest.raises(CommandError, match=r"An account named 'maria' exists already\."):
            call_command("adduser", "maria", "--role", "editor", "--password-file", str(password_file))
        with pytest.raises(CommandError):
            call_command("adduser", "juan", "--role", "admin", "--password-file", str(password_file))

    @pytest.mark.parametrize("name", ["", "two words", "x" * 151])
    def test_it_refuses_an_unusable_name(self, db, password_file, name):
        with pytest.raises(CommandError, match="Not a usable name"):
            call_command("adduser", name, "--role", "editor", "--password-file", str(password_file))

    def test_it_refuses_a_missing_file(self, db, tmp_path):
        with pytest.raises(CommandError, match="Cannot read"):
            call_command("adduser", "juan", "--role", "editor", "--password-file", str(tmp_path / "nothing"))


class TestSignIn:
    def test_an_editor_signs_in_and_reaches_the_dashboard(self, client, editor):
        response = client.post("/accounts/login/", {"username": "editor", "password": "unused-in-tests-editor"})
        assert response.status_code == 302 and response["Location"] == "/staff/"
        assert b"Dashboard" in client.get("/staff/").content

    def test_a_wrong_password_says_so(self, client, editor):
        response = client.post("/accounts/login/", {"username": "editor", "password": "wrong"})
        assert b"Please enter a correct username and password" in response.content

    def test_attempts_are_throttled_per_account_and_address(self, client, editor, delegate):
        for _ in range(5):
            client.post("/accounts/login/", {"username": "editor", "password": "wrong"})
        locked = client.post("/accounts/login/", {"username": "editor", "password": "unused-in-tests-editor"})
        assert locked.status_code == 429 and b"Too many attempts" in locked.content
        other = client.post("/accounts/login/", {"username": "delegate", "password": "unused-in-tests-delegate"})
        assert other.status_code == 302  # another account from the same address is not locked

    def test_an_address_that_tries_many_usernames_is_locked(self, client, editor):
        for number in range(20):
            client.post("/accounts/login/", {"username": f"guess{number}", "password": "Puebla-1996"})
        locked = client.post("/accounts/login/", {"username": "editor", "password": "unused-in-tests-editor"})
        assert locked.status_code == 429 and b"Too many attempts" in locked.content
        elsewhere = client.post(
            "/accounts/login/",
            {"username": "editor", "password": "unused-in-tests-editor"},
            REMOTE_ADDR="198.51.100.7",
        )
        assert elsewhere.status_code == 302

    def test_signing_out_needs_a_post(self, client, editor):
        client.force_login(editor)
        assert client.get("/accounts/logout/").status_code == 405
        client.post("/accounts/logout/")
        assert client.get("/staff/").status_code == 302

    def test_the_password_can_be_changed(self, client, editor):
        client.force_login(editor)
        client.post(
            "/accounts/password/",
            {
                "old_password": "unused-in-tests-editor",
                "new_password1": "Tegucigalpa-2026",
                "new_password2": "Tegucigalpa-2026",
            },
        )
        editor.refresh_from_db()
        assert editor.check_password("Tegucigalpa-2026")

    def test_the_header_names_the_person(self, client, editor):
        editor.first_name, editor.last_name = "María", "Solano"
        editor.save()
        client.force_login(editor)
        page = lxml.html.fromstring(client.get("/conferences/").content)
        assert page.xpath("string(//nav[@class='account']/a[@href='/accounts/password/'])") == "María Solano"

    def test_the_header_names_an_account_without_a_name_by_its_username(self, client, delegate):
        client.force_login(delegate)
        page = lxml.html.fromstring(client.get("/conferences/").content)
        assert page.xpath("string(//nav[@class='account']/a[@href='/accounts/password/'])") == "delegate"


class TestSignInBehindAProxy:
    """The proxy connects from one address (REMOTE_ADDR) and appends each client's to X-Forwarded-For."""

    PROXY = "10.0.0.1"
    CLIENT_A = "203.0.113.5"
    CLIENT_B = "198.51.100.7"

    def _sign_in(self, client, forwarded_for: str, password: str):
        return client.post(
            "/accounts/login/",
            {"username": "editor", "password": password},
            REMOTE_ADDR=self.PROXY,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    def _lock_out_client_a(self, client):
        for _ in range(5):
            self._sign_in(client, self.CLIENT_A, "wrong")

    def test_one_client_failing_does_not_lock_out_another(self, client, settings, editor):
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        self._lock_out_client_a(client)
        assert self._sign_in(client, self.CLIENT_A, "unused-in-tests-editor").status_code == 429
        assert self._sign_in(client, self.CLIENT_B, "unused-in-tests-editor").status_code == 302

    def test_a_client_cannot_forge_the_address_the_proxy_appends(self, client, settings, editor):
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        self._lock_out_client_a(client)
        # Client A sends "X-Forwarded-For: 198.51.100.7"; the proxy appends A's own address after it.
        forged = self._sign_in(client, f"{self.CLIENT_B}, {self.CLIENT_A}", "unused-in-tests-editor")
        assert forged.status_code == 429

    def test_without_a_proxy_the_header_is_ignored(self, client, editor):
        self._lock_out_client_a(client)
        # Without a proxy in front, anyone can send the header: the address is the connection's.
        assert self._sign_in(client, self.CLIENT_B, "unused-in-tests-editor").status_code == 429

    def test_a_malformed_header_counts_as_the_proxy_address(self, client, settings, editor):
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        for _ in range(5):
            self._sign_in(client, "not-an-address", "wrong")
        assert self._sign_in(client, "", "unused-in-tests-editor").status_code == 429
