"""The permissions the roles are granted are exactly those declarations.access checks, and only it checks any."""

from pathlib import Path

from django.conf import settings

from declarations.access import PERMISSIONS, can_edit, can_publish, can_read_circulated, can_read_drafts
from declarations.roles import ensure_roles
from tests.conftest import _user_with_role

SOURCE_DIRS = ["rcm", "declarations", "decisions", "followup", "templates"]


def test_roles_are_granted_exactly_the_permissions_that_are_checked(db):
    granted = {
        f"{permission.content_type.app_label}.{permission.codename}"
        for group in ensure_roles().values()
        for permission in group.permissions.all()
    }
    assert granted == set(PERMISSIONS)


def test_each_role_may_what_the_readme_says(db):
    checks = (can_read_circulated, can_read_drafts, can_edit, can_publish)
    users = {role: _user_with_role(role, role) for role in ("delegate", "editor", "publisher")}
    assert {role: [check(user) for check in checks] for role, user in users.items()} == {
        "delegate": [True, False, False, False],
        "editor": [True, True, True, False],
        "publisher": [True, True, True, True],
    }


def test_no_other_module_or_template_checks_a_permission():
    base = Path(settings.BASE_DIR)
    askers = [
        str(path.relative_to(base))
        for folder in SOURCE_DIRS
        for path in (base / folder).rglob("*")
        if path.suffix in {".py", ".html"} and ("has_perm(" in path.read_text() or "perms." in path.read_text())
    ]
    assert askers == ["declarations/access.py"]
