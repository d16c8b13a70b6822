"""The three roles, as groups granted exactly the permissions that declarations.access checks."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from declarations.access import EDIT, PUBLISH, READ_CIRCULATED, READ_DRAFTS

ROLES = {
    "delegate": [READ_CIRCULATED],
    "editor": [READ_CIRCULATED, READ_DRAFTS, EDIT],
    "publisher": [READ_CIRCULATED, READ_DRAFTS, EDIT, PUBLISH],
}


@transaction.atomic
def ensure_roles() -> dict[str, Group]:
    """Create the role groups, or bring their permissions back to the list above."""
    groups = {}
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = []
        for code in codes:
            app_label, codename = code.split(".")
            permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(permissions)
        groups[name] = group
    return groups
